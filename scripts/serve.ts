// `npm run serve`: the web app alone, through our HTTP server (src/server/http-server.ts), which knows the
// client's address and refuses oversized bodies before Next reads them. `--dev` serves `next dev`.
// scripts/start.ts runs this after migrating; plain `next start` would leave client addresses unknown.
import { enforceLoginRole } from "../src/db/login-role-check";
import { ENVELOPE_BYTES } from "../src/http/multipart";
import { env, isProduction } from "../src/lib/env";
import { exitOnSignals } from "../src/server/graceful-shutdown";
import { startHttpServer } from "../src/server/http-server";

const e = env();
// Issue 9 item 3: never serve on a login role that RESET ROLE turns back into an owner (production).
try {
  await enforceLoginRole({ databaseUrl: e.DATABASE_URL, appRole: e.DB_APP_ROLE, production: isProduction(), warn: (m) => console.warn(m) });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const running = await startHttpServer({
  dir: process.cwd(),
  port,
  hostname: process.env.HOSTNAME || undefined,
  dev: process.argv.includes("--dev"),
  trustedHops: e.TRUST_PROXY_HOPS,
  maxRequestBytes: e.ATTACHMENT_MAX_BYTES + ENVELOPE_BYTES,
  production: isProduction(),
});
console.log(`Listening on port ${port}${e.TRUST_PROXY_HOPS ? ` (trusting ${e.TRUST_PROXY_HOPS} proxy hop(s) of X-Forwarded-For)` : ""}`);
// SIGTERM/SIGINT (issue 14): readiness red, drain, close the listener, finish the requests in flight, end
// the event streams, close the pools, exit (src/server/graceful-shutdown.ts).
exitOnSignals(running.shutdown);
