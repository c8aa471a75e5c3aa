// The app's HTTP server: Next.js behind a thin Node layer that does what only the socket can know.
// - The client's address (issue 9 item 4): resolved from the peer address and TRUST_PROXY_HOPS, handed to
//   the app in CLIENT_HEADER with this process's token; any copy a client sent is dropped first.
// - Bodies (issue 9 item 7, S21): a declared length over the largest body any route accepts is refused
//   before a byte is read, and the connection closed so the rest is never received.
// - API security headers (S5): Next's proxy no longer runs on /api (it would buffer every request body
//   to hand it to the proxy), so the API's headers are set here, on every /api response.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { CLIENT_HEADER, CLIENT_TOKEN_ENV, clientHeaderValue } from "@/auth/client-ip";
import { resolveClientAddress } from "@/http/client-address";
import { API_CSP, commonSecurityHeaders } from "@/http/security-headers";

export interface HttpServerOptions {
  dir: string;
  port: number;
  hostname?: string;
  dev?: boolean;
  /** Proxies in front of the app whose X-Forwarded-For entries are believed (TRUST_PROXY_HOPS). */
  trustedHops: number;
  /** The largest request body any route accepts: the attachment cap plus its multipart envelope. */
  maxRequestBytes: number;
  production: boolean;
}

function refuseTooLarge(res: ServerResponse, maxBytes: number) {
  const body = JSON.stringify({ error: { code: "too_large", message: `The request body is larger than ${maxBytes} bytes` } });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

export function prepareRequest(req: IncomingMessage, token: string, trustedHops: number) {
  delete req.headers[CLIENT_HEADER];
  const forwarded = req.headers["x-forwarded-for"];
  const ip = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedHops);
  if (ip) req.headers[CLIENT_HEADER] = clientHeaderValue(ip, token);
}

export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const token = randomBytes(24).toString("base64url");
  // Read by clientIp() inside the app, which runs in this same process.
  process.env[CLIENT_TOKEN_ENV] = token;
  const app = next({ dev: options.dev ?? false, dir: options.dir, port: options.port, hostname: options.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const apiHeaders = { ...commonSecurityHeaders(options.production), "Content-Security-Policy": API_CSP };

  const server = createServer((req, res) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxRequestBytes) {
      // Connection: close makes Node end the socket once the answer is out: the body is never received.
      return refuseTooLarge(res, options.maxRequestBytes);
    }
    prepareRequest(req, token, options.trustedHops);
    // Next folds leading slashes ("//api/x" is /api/x), so this does too.
    if (/^\/+api\//.test(req.url ?? "")) for (const [k, v] of Object.entries(apiHeaders)) res.setHeader(k, v);
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
