import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname, "src") };

// Four projects: unit (pure, beside the code), integration (real PostgreSQL, a fresh database per run,
// route handlers called in-process), e2e (a built Next server driven by real Chromium) and timing: the
// sign-in, password-reset and invite timing comparisons, run on their own by scripts/test.sh after the others,
// because the password hashing of other test files running beside them on two cores disturbs the very
// response times they compare.
const TIMING_TESTS = ["tests/integration/sign-in-timing.test.ts", "tests/integration/password-reset-timing.test.ts", "tests/integration/invite-timing.test.ts"];
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.{ts,tsx}", "tests/unit/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["src/**/*.integration.test.ts", "tests/integration/**/*.test.ts"],
          exclude: [...TIMING_TESTS, "**/node_modules/**"],
          globalSetup: ["tests/setup/global-database.ts", "tests/setup/global-attachments.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "timing",
          include: TIMING_TESTS,
          // One comparison at a time: the other's requests would be the very load they must not see.
          fileParallelism: false,
          // A statistical comparison on a shared two-core machine: a real timing leak fails every attempt,
          // a burst of load from elsewhere fails one. Two more attempts tell the two apart.
          retry: 2,
          globalSetup: ["tests/setup/global-database.ts", "tests/setup/global-attachments.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          // A page reacting to a click or a live event can take seconds on two loaded cores; the default
          // second of expect.poll failed CI runs that were only slow. A condition never met still fails.
          expect: { poll: { timeout: 10_000 } },
          globalSetup: ["tests/setup/global-database.ts", "tests/setup/global-attachments.ts", "tests/setup/global-server.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
