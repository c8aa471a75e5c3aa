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

/** An error answered before Next sees the request; Connection: close so the body is never received. */
function refuse(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close", ...headers });
  res.end(body);
}

const PAGE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Pages take no request bodies (forms post JSON to /api; the app has no server actions), but Next's
 * proxy buffers up to proxyClientMaxBodySize of any body sent to a page: 1,500 anonymous half-sent
 * bodies held ~1.5 GB (outside review after issue 9 item 7). So a page request may not carry one.
 */
function pageRequestRefusal(req: IncomingMessage): [number, string, string, Record<string, string>] | null {
  if (!PAGE_METHODS.has(req.method ?? "")) return [405, "method_not_allowed", "Pages only answer GET and HEAD", { allow: "GET, HEAD" }];
  const declared = Number(req.headers["content-length"] ?? 0);
  if (req.headers["transfer-encoding"] || (Number.isFinite(declared) && declared > 0)) return [413, "too_large", "A page request has no body", {}];
  return null;
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
      return refuse(res, 413, "too_large", `The request body is larger than ${options.maxRequestBytes} bytes`);
    }
    // Next folds leading slashes ("//api/x" is /api/x), so this does too.
    const api = /^\/+api\//.test(req.url ?? "");
    const pageRefusal = api ? null : pageRequestRefusal(req);
    if (pageRefusal) return refuse(res, ...pageRefusal);
    prepareRequest(req, token, options.trustedHops);
    if (api) for (const [k, v] of Object.entries(apiHeaders)) res.setHeader(k, v);
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
