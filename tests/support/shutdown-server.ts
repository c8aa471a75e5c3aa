// A child process for tests/integration/graceful-shutdown.test.ts: the app's HTTP server as scripts/serve.ts
// runs it — the real request listener, the real API router and route handlers, listenGracefully and the
// same SIGTERM handling (exitOnSignals) — with a stand-in for Next's pages, so no build is needed.
// Prints "listening <port>" once it accepts connections.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { CLIENT_TOKEN_ENV } from "../../src/auth/client-ip";
import { env } from "../../src/lib/env";
import { nodeApiHandler } from "../../src/server/api-dispatch";
import { loadApiRoutes } from "../../src/server/api-routes";
import { exitOnSignals } from "../../src/server/graceful-shutdown";
import { listenGracefully } from "../../src/server/http-server";
import { createRequestListener } from "../../src/server/request-listener";

const token = randomBytes(24).toString("base64url");
process.env[CLIENT_TOKEN_ENV] = token;
await loadApiRoutes();
const listener = createRequestListener(
  { trustedHops: 0, maxRequestBytes: 1024 * 1024, production: false },
  token,
  (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end("a page"),
  nodeApiHandler(new URL(env().APP_URL).origin),
);
const running = await listenGracefully(listener, Number(process.env.PORT ?? 0), "127.0.0.1");
exitOnSignals(running.shutdown);
process.stdout.write(`listening ${(running.server.address() as AddressInfo).port}\n`);
