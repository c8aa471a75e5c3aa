// Runs in each test worker before any app module reads its configuration (env() is lazy).
import { inject } from "vitest";

process.env.APP_ENV = "test";
process.env.DATABASE_URL = inject("databaseUrl");
process.env.BETTER_AUTH_SECRET = inject("authSecret");
process.env.APP_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL ??= "silent";
process.env.DB_POOL_MAX ??= "4";
