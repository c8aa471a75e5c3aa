// Runs in each test worker before any app module reads its configuration (env() is lazy).
import { inject } from "vitest";

process.env.APP_ENV = "test";
process.env.DATABASE_URL = inject("databaseUrl");
process.env.BETTER_AUTH_SECRET = inject("authSecret");
process.env.APP_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL ??= "silent";
process.env.DB_POOL_MAX ??= "4";

// Most tests make many requests as one user in seconds; they get generous limits. The rate-limit tests
// delete these to run against the real defaults (S1, S8).
process.env.RATE_LIMIT_WRITES_PER_MIN = "100000";
process.env.RATE_LIMIT_READS_PER_MIN = "100000";
process.env.RATE_LIMIT_ANON_PER_MIN = "100000";
process.env.RATE_LIMIT_GLOBAL_PER_SEC = "100000";
process.env.RATE_LIMIT_GLOBAL_ANON_PER_SEC = "100000";
process.env.RATE_LIMIT_ANON_OTHER_PER_SEC = "100000";
process.env.RATE_LIMIT_PRESENCE_PER_MIN = "100000";
process.env.SIGN_IN_MAX_FAILURES = "100000";
process.env.PASSWORD_RESET_PER_IP_PER_HOUR = "100000";
process.env.PASSWORD_RESET_PER_EMAIL_PER_HOUR = "100000";
process.env.PASSWORD_CHECKS_PER_ACCOUNT = "100000";
delete process.env.REDIS_URL;

// Route handlers run in-process here, without our HTTP server: tests that act "from" an address send the
// header that server would set, with this token (tests/support/api.ts fromIp). Issue 9 item 4.
process.env.HELPDESK_CLIENT_TOKEN = "integration-client-token";

// Signed audit checkpoints of this run go to a throwaway folder, not the developer's .data/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
process.env.AUDIT_CHECKPOINT_DIR = mkdtempSync(path.join(tmpdir(), "helpdesk-audit-checkpoints-"));
