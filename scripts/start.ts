// npm start: migrate, seed an empty database (never in production), then serve the production build.
// Without DATABASE_URL it runs an embedded PostgreSQL under .data/ so a fresh clone just works.
import { spawn } from "node:child_process";
import { enforceLoginRole } from "../src/db/login-role-check";
import { migrateUp } from "../src/ops/migrate-up";
import { localSecret, startEmbeddedPostgres } from "./embedded-db";
import { ensureVirusScanner } from "./local-clamd";
import { seedIfEmpty } from "./seed";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// The launcher is the demo entry point: development unless the operator says production.
const appEnv = process.env.APP_ENV ?? "development";
const env: NodeJS.ProcessEnv = { ...process.env, APP_ENV: appEnv, NEXT_TELEMETRY_DISABLED: "1" };

function fail(message: string): never {
  console.error(`Helpdesk cannot start: ${message}`);
  process.exit(1);
}

let stopDatabase: (() => Promise<void>) | undefined;
if (!env.DATABASE_URL) {
  if (appEnv === "production") fail("DATABASE_URL is required in production.");
  const embedded = await startEmbeddedPostgres(Number(process.env.EMBEDDED_PG_PORT ?? 54329));
  env.DATABASE_URL = embedded.url;
  stopDatabase = embedded.stop;
  console.log("Using the embedded PostgreSQL under .data/pg (set DATABASE_URL to use your own).");
}
if (!env.BETTER_AUTH_SECRET) {
  if (appEnv === "production") fail("BETTER_AUTH_SECRET is required in production.");
  env.BETTER_AUTH_SECRET = localSecret("auth-secret");
}
env.APP_URL ??= `http://localhost:${port}`;

// Migrations run as the owner (MIGRATION_DATABASE_URL); the app itself must not log in as one (issue 9
// item 3): refused here in production before anything starts; elsewhere the web server and the worker
// log the warning themselves (the embedded database logs in as its superuser).
await migrateUp(env.MIGRATION_DATABASE_URL || env.DATABASE_URL, { separateOwner: Boolean(env.MIGRATION_DATABASE_URL) });
try {
  await enforceLoginRole({
    databaseUrl: env.DATABASE_URL,
    appRole: env.DB_APP_ROLE || "helpdesk_app",
    production: appEnv === "production",
    warn: () => undefined,
  });
} catch (e) {
  await stopDatabase?.().catch(() => undefined);
  fail((e as Error).message.replace(/^Helpdesk cannot start: /, ""));
}
if (appEnv !== "production") await seedIfEmpty(env.DATABASE_URL, env);
// Uploads are scanned before anyone can download them: find or start clamd, or say plainly they will wait.
const scanner = await ensureVirusScanner(env, appEnv === "production");

// The web app runs through our HTTP server (client addresses, early body refusal), not plain `next start`.
const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : [])], {
  env: { ...env, PORT: String(port) },
  stdio: "inherit",
});
console.log(`Helpdesk on ${env.APP_URL}/app`);
// The job worker (SLA breach scan, notification delivery; S9) runs beside the web server as its own
// process; `npm run worker` starts more (or only) workers, `--no-worker` leaves it out here.
const worker = process.argv.includes("--no-worker") ? undefined : spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env, stdio: "inherit" });

const shutdown = (signal: NodeJS.Signals) => {
  worker?.kill(signal);
  child.kill(signal);
  scanner?.stop();
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
// A worker that dies is restarted by the operator's supervisor in production; here it is reported.
worker?.on("exit", (code, signal) => {
  if (!signal) console.error(`Job worker exited with code ${code}; run \`npm run worker\` to start it again.`);
});
child.on("exit", async (code) => {
  worker?.kill("SIGTERM");
  scanner?.stop();
  await stopDatabase?.().catch(() => undefined);
  process.exit(code ?? 0);
});
