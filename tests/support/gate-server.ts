// Our HTTP server's request listener (src/server/request-listener.ts: client address, body cap, anonymous
// gate) in front of the real route handlers called in-process (support/api.ts), instead of a Next build:
// real HTTP in, the real pipeline behind, and a count of the requests that got past the listener.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { CLIENT_TOKEN_ENV } from "../../src/auth/client-ip";
import { createRequestListener } from "../../src/server/request-listener";
import { call } from "./api";

export interface GateServer {
  url: string;
  /** Requests the listener handed on (to the app, where Redis and the database are). */
  reached: () => number;
  stop: () => Promise<void>;
}

async function toApp(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").replace(/^\/+/, "/");
  if (!path.startsWith("/api/")) {
    res.writeHead(200, { "content-type": "text/plain" }).end("a page");
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  const response = await call(req.method ?? "GET", path, { headers });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    if (k !== "set-cookie") out[k] = v;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

export async function startGateServer(trustedHops = 1): Promise<GateServer> {
  let reached = 0;
  const listener = createRequestListener(
    { trustedHops, maxRequestBytes: 1024 * 1024, production: false },
    // The token the in-process app reads the client's address with (tests/setup/integration-env.ts).
    process.env[CLIENT_TOKEN_ENV]!,
    (req, res) => {
      reached++;
      return toApp(req, res).catch(() => res.writeHead(500).end());
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
