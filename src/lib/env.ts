// Configuration is a zod schema parsed once; the app refuses to start with a clear message when a
// required setting is missing or, in production, still holds a known demo value (S14).
import { z } from "zod";

// Values that appear in docs, examples or tutorials. Never acceptable as a production secret.
export const KNOWN_DEMO_SECRETS = new Set([
  "secret",
  "changeme",
  "change-me",
  "password",
  "development-secret",
  "dev-secret",
  "test-secret",
  "better-auth-secret",
  "please-change-this-secret-in-production",
]);

const ZEnv = z
  .object({
    APP_ENV: z.enum(["development", "test", "production"]),
    DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }),
    // The owner's URL for `npm run migrate` / `npm start` (issue 9 item 3): in production DATABASE_URL is
    // a login that is a member of DB_APP_ROLE only and cannot run migrations. Defaults to DATABASE_URL.
    MIGRATION_DATABASE_URL: z.url({ message: "MIGRATION_DATABASE_URL must be a postgres:// URL" }).optional(),
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters"),
    APP_URL: z.url({ message: "APP_URL must be the public URL of the app, e.g. https://help.example.com" }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SLOW_QUERY_MS: z.coerce.number().int().positive().default(200),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    // The database role the app's queries run as (SET ROLE on each connection). It has no UPDATE/DELETE
    // rights on audit_events (S12). "none" keeps the connecting user's rights (not recommended).
    DB_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, "must be a plain role name")
      .default("helpdesk_app"),
    // Key that signs audit checkpoints (S12); derived from BETTER_AUTH_SECRET when unset (set it in production).
    AUDIT_SIGNING_KEY: z.string().min(32).optional(),
    // Where signed audit checkpoints are written: keep it off the database host, append-only.
    AUDIT_CHECKPOINT_DIR: z.string().default(".data/audit-checkpoints"),
    // Backups (S23): where `npm run backup` writes its archives, the age public key(s) they are encrypted to
    // (comma-separated `age1…`; unencrypted when unset), the identity (`AGE-SECRET-KEY-1…`) `npm run restore`
    // decrypts with, and the directory of pg_dump/pg_restore when PATH's are not the server's major version.
    BACKUP_DIR: z.string().min(1).default(".data/backups"),
    BACKUP_AGE_RECIPIENT: z.string().min(1).optional(),
    BACKUP_AGE_IDENTITY: z.string().min(1).optional(),
    BACKUP_PG_BIN_DIR: z.string().min(1).optional(),
    // Shared rate-limit counters across instances (S8); in-memory per instance when unset.
    REDIS_URL: z.url().optional(),
    // Bearer token for /api/metrics; the endpoint is closed when unset.
    METRICS_TOKEN: z.string().min(16).optional(),
    RATE_LIMIT_WRITES_PER_MIN: z.coerce.number().int().positive().default(30),
    RATE_LIMIT_READS_PER_MIN: z.coerce.number().int().positive().default(60),
    RATE_LIMIT_ANON_PER_MIN: z.coerce.number().int().positive().default(60),
    RATE_LIMIT_GLOBAL_PER_SEC: z.coerce.number().int().positive().default(500),
    RATE_LIMIT_GLOBAL_ANON_PER_SEC: z.coerce.number().int().positive().default(100),
    // Anonymous requests per address per second to what the budgets above do not meter (static files,
    // /api/auth, health, readiness, metrics); bursts of 5 seconds' worth (a first page load's assets).
    RATE_LIMIT_ANON_OTHER_PER_SEC: z.coerce.number().int().positive().default(20),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    SIGN_IN_WINDOW_SEC: z.coerce.number().int().positive().default(600),
    // Saved views' counts stop at this many tickets and show "1,000+" (issue 11): a count costs at most
    // this many index entries however large the organization.
    VIEW_COUNT_CAP: z.coerce.number().int().min(1).max(100_000).default(1000),
    // The live event stream (GET /api/events, issue 11): open streams per user and per instance (429
    // beyond), the heartbeat that keeps proxies from closing an idle stream, how often every open stream's
    // session is checked again (also on every batch of events), and how far back a reconnect is replayed.
    LIVE_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
    LIVE_STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(2000),
    LIVE_HEARTBEAT_SEC: z.coerce.number().min(0.05).max(120).default(25),
    LIVE_SESSION_RECHECK_SEC: z.coerce.number().min(0.05).max(300).default(30),
    LIVE_REPLAY_MAX: z.coerce.number().int().min(1).max(5000).default(500),
    LIVE_REPLAY_HOURS: z.coerce.number().int().min(1).max(168).default(24),
    // Presence on a ticket page ("Sam is viewing"): its own per-user budget, apart from reads and writes.
    RATE_LIMIT_PRESENCE_PER_MIN: z.coerce.number().int().positive().default(60),
    // Reverse proxies in front of the app whose X-Forwarded-For entries are believed (issue 9 item 4).
    // 0: the socket's peer address is the client; a client-sent X-Forwarded-For is ignored.
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Graceful shutdown (issue 14, src/server/graceful-shutdown.ts): how long readiness is red before the
    // listener closes (more than the balancer's health-check interval × fall count), and how long the
    // requests in flight then get before they are cut.
    // A streaming read replica for lists and search (issue 14, src/db/read-replica.ts); unset = primary only.
    DATABASE_REPLICA_URL: z.url().optional(),
    REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
    // The LISTEN connection of the live events (src/lib/live/pg-listener.ts) must not go through a
    // transaction-pooling PgBouncer: a direct URL to the primary; defaults to DATABASE_URL.
    DATABASE_LISTEN_URL: z.url().optional(),
    // Named prepared statements (the session lookup on every request). "false" behind a transaction-pooling
    // PgBouncer older than 1.21 (no max_prepared_statements), which mixes them up between server connections.
    DB_PREPARED_STATEMENTS: z.enum(["true", "false"]).default("true"),
    SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(5000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
    // Attachments (S11): clamd over TCP, private storage (local disk unless S3_BUCKET is set), limits.
    CLAMD_HOST: z.string().min(1).default("127.0.0.1"),
    CLAMD_PORT: z.coerce.number().int().positive().default(3310),
    CLAMD_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    STORAGE_DIR: z.string().min(1).default(".data/storage"),
    S3_BUCKET: z.string().min(3).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    ATTACHMENTS_PER_TICKET: z.coerce.number().int().positive().default(20),
    DOWNLOAD_URL_TTL_SEC: z.coerce.number().int().positive().max(900).default(300),
    // Notifications (S9): e-mail over SMTP (off when unset), the sender, and outbox retry pacing.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Helpdesk <helpdesk@localhost>"),
    // The domain of signed reply addresses (support+<token>@MAIL_DOMAIN, issue 12): mail to it must reach
    // the inbound side. Defaults to the domain of MAIL_FROM.
    MAIL_DOMAIN: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, "must be a domain name such as help.example.com")
      .max(200)
      .optional(),
    // DKIM signature of outbound mail (issue 12): all three or none. The key is PEM (newlines may be
    // written as "\n" in one line); the public key goes in DNS at <selector>._domainkey.<domain>.
    MAIL_DKIM_PRIVATE_KEY: z.string().min(1).optional(),
    MAIL_DKIM_SELECTOR: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i, "must be a DNS label")
      .optional(),
    MAIL_DKIM_DOMAIN: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, "must be a domain name")
      .optional(),
    // Password reset requests (issue 12): per client address and per e-mail address, per hour.
    PASSWORD_RESET_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(10),
    PASSWORD_RESET_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(3),
    // New passwords judged per account per 15 minutes (change, reset, invite): a judgement of a crafted
    // 128-character password costs up to a second of CPU, and a refused one costs the user no guess.
    PASSWORD_CHECKS_PER_ACCOUNT: z.coerce.number().int().positive().default(20),
    // Inbound e-mail (issue 12). The key that encrypts mailbox passwords (derived from BETTER_AUTH_SECRET
    // when unset: set it in production, so rotating the auth secret does not lose them).
    MAIL_CREDENTIALS_KEY: z.string().min(32).optional(),
    // The app's own SMTP listener for inbound mail (off when unset); started by the worker.
    SMTP_LISTEN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_LISTEN_HOST: z.string().min(1).default("0.0.0.0"),
    // Largest message accepted (listener and IMAP); connections and mails per minute per client address
    // and per sender address at the listener.
    MAIL_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    SMTP_LISTEN_PER_IP_PER_MIN: z.coerce.number().int().positive().default(30),
    SMTP_LISTEN_PER_SENDER_PER_MIN: z.coerce.number().int().positive().default(10),
    // Mails (MAIL FROM commands) per minute per client address, whatever sender each names (B2).
    SMTP_LISTEN_MAILS_PER_IP_PER_MIN: z.coerce.number().int().positive().default(30),
    // Bytes of messages being received at once over all connections; past it, 452 (try later).
    SMTP_INFLIGHT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(100 * 1024 * 1024),
    // Loop protection: mails from one address per hour that may open tickets or add comments; beyond it
    // they are kept and ignored (another helpdesk's auto-answers, a script gone wrong).
    MAIL_SENDER_MAX_PER_HOUR: z.coerce.number().int().positive().default(20),
    // How long raw inbound mail is kept for audit (the row, without its bytes, stays for deduplication).
    MAIL_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    // IMAP polling: connection timeout and the most messages one poll takes from one mailbox.
    IMAP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    IMAP_BATCH: z.coerce.number().int().positive().max(1000).default(100),
    // Mailboxes on private/loopback addresses: refused in production unless explicitly allowed.
    IMAP_ALLOW_PRIVATE: z.enum(["true", "false"]).optional(),
    OUTBOX_RETRY_BASE_SEC: z.coerce.number().int().positive().default(30),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
    // Webhooks to private/loopback addresses: refused in production unless explicitly allowed.
    WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).optional(),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.MAIL_DKIM_PRIVATE_KEY, env.MAIL_DKIM_SELECTOR, env.MAIL_DKIM_DOMAIN].filter((v) => v !== undefined).length;
    if (dkim !== 0 && dkim !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_DKIM_PRIVATE_KEY"],
        message: "set MAIL_DKIM_PRIVATE_KEY, MAIL_DKIM_SELECTOR and MAIL_DKIM_DOMAIN together, or none",
      });
    }
    if (env.APP_ENV !== "production") return;
    if (KNOWN_DEMO_SECRETS.has(env.BETTER_AUTH_SECRET.toLowerCase())) {
      ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "is a known demo value; set a random secret" });
    }
    if (!env.APP_URL.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must be https:// in production" });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** APP_ENV defaults to production under NODE_ENV=production: an operator who forgets it gets the strict mode. */
export function defaultAppEnv(source: EnvSource): string {
  if (source.APP_ENV) return source.APP_ENV;
  if (source.NODE_ENV === "production") return "production";
  if (source.NODE_ENV === "test") return "test";
  return "development";
}

export function parseEnv(source: EnvSource): TEnv {
  const result = ZEnv.safeParse({ ...source, APP_ENV: defaultAppEnv(source) });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Helpdesk cannot start: invalid configuration\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: TEnv | undefined;
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

export function privateWebhooksAllowed(): boolean {
  const explicit = env().WEBHOOK_ALLOW_PRIVATE;
  return explicit ? explicit === "true" : !isProduction();
}

export function privateImapAllowed(): boolean {
  const explicit = env().IMAP_ALLOW_PRIVATE;
  return explicit ? explicit === "true" : !isProduction();
}

export function isProduction(): boolean {
  return env().APP_ENV === "production";
}
