// Our HTTP server's request listener (src/server/request-listener.ts: client address, body cap, anonymous
// gate) in front of the API router it serves /api with in production (src/server/api-dispatch.ts), instead
// of a Next build: real HTTP in, the real pipeline behind, and a count of the requests that got past the
// listener. Pages get a stand-in answer (they need a Next build: the e2e project).
import { createServer } from "node:http";
import { CLIENT_TOKEN_ENV } from "../../src/auth/client-ip";
import { nodeApiHandler } from "../../src/server/api-dispatch";
import { createRequestListener } from "../../src/server/request-listener";
import { ORIGIN } from "./api";

export interface GateServer {
  url: string;
  /** Requests the listener handed on (to the app, where Redis and the database are). */
  reached: () => number;
  stop: () => Promise<void>;
}

export async function startGateServer(trustedHops = 1): Promise<GateServer> {
  let reached = 0;
  const api = nodeApiHandler(ORIGIN);
  const listener = createRequestListener(
    { trustedHops, maxRequestBytes: 1024 * 1024, production: false },
    // The token the in-process app reads the client's address with (tests/setup/integration-env.ts).
    process.env[CLIENT_TOKEN_ENV]!,
    (_req, res) => {
      reached++;
      res.writeHead(200, { "content-type": "text/plain" }).end("a page");
    },
    (req, res) => {
      reached++;
      return api(req, res);
    },
  );
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    reached: () => reached,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
