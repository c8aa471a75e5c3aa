#!/usr/bin/env bash
# npm test — the whole suite: lint and format check, a production build for the browser tests, typecheck, then the
# unit, integration (real PostgreSQL, a fresh database per run) and e2e (real Chromium) projects.
# Needs PostgreSQL on 127.0.0.1:5432 (override: TEST_DATABASE_ADMIN_URL) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== lint and format (Biome; \`npm run format\` fixes what it can)"
npx biome check .

echo "== production build (.next-test)"
# HELPDESK_TEST_BUILD: the build leaves its type check to the next step, which checks the same files and the
# route types the build generates in one run (next.config.ts).
HELPDESK_TEST_BUILD=1 NEXT_DIST_DIR=.next-test npx next build

echo "== typecheck (with the build's generated route types)"
# Not the other build folders' generated types: several folders (.next, .next-test) would clash.
npx tsc --noEmit -p tsconfig.test.json

echo "== vitest: unit, integration, e2e"
npx vitest run --project unit --project integration --project e2e "$@"

echo "== vitest: timing (alone: other files' password hashing beside it would disturb the times it compares)"
npx vitest run --project timing
