#!/usr/bin/env bash
# npm test — the whole suite: lint and format check, typecheck, a production build for the browser tests, then the unit,
# integration (real PostgreSQL, a fresh database per run) and e2e (real Chromium) projects.
# Needs PostgreSQL on 127.0.0.1:5432 (override: TEST_DATABASE_ADMIN_URL) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== lint and format (Biome; \`npm run format\` fixes what it can)"
npx biome check .

echo "== typecheck"
# Not the build folders' generated types: several folders (.next, .next-test) would clash.
npx tsc --noEmit -p tsconfig.typecheck.json

echo "== production build (.next-test)"
NEXT_DIST_DIR=.next-test npx next build

echo "== vitest: unit, integration, e2e"
npx vitest run --project unit --project integration --project e2e "$@"

echo "== vitest: timing (alone: other files' password hashing beside it would disturb the times it compares)"
npx vitest run --project timing
