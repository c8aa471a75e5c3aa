// The environment the benchmarks start the app with. The rate limiters stay in the path (every request
// still spends its points, as in production) but with budgets no benchmark reaches, so a figure measures
// the request and not the limiter's refusal. A variable set in the shell wins over these defaults.
import { BENCH_DATABASE_URL } from "./config";

const HIGH_BUDGETS = {
  RATE_LIMIT_READS_PER_MIN: "100000000",
  RATE_LIMIT_GLOBAL_PER_SEC: "1000000",
  RATE_LIMIT_ANON_OTHER_PER_SEC: "1000000",
  RATE_LIMIT_ANON_PER_MIN: "100000000",
  RATE_LIMIT_GLOBAL_ANON_PER_SEC: "1000000",
};

export function benchAppEnv(appUrl: string): NodeJS.ProcessEnv {
  return {
    ...HIGH_BUDGETS,
    ...process.env,
    APP_ENV: "development",
    DATABASE_URL: BENCH_DATABASE_URL,
    APP_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
}
