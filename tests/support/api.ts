// Calls the API in-process through the router production uses (src/server/api-dispatch.ts: the route
// files under src/app/api, their handlers, HEAD/OPTIONS/405/404 as the server answers them) with real
// Request objects: the same pipeline, actor lookup, database and errors as over HTTP, without a socket.
// The route table is read from the files, so a new route is covered (and the matrix test notices it)
// without editing this file. tests/support/gate-server.ts puts the real HTTP listener in front of it.
import { CLIENT_HEADER, clientHeaderValue } from "../../src/auth/client-ip";
import { dispatchApi } from "../../src/server/api-dispatch";

export { API_ROUTES, type ApiRoute } from "../../src/server/api-routes";
export const ORIGIN = "http://localhost:3000";

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

export async function call(method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<Response> {
  const url = new URL(pathAndQuery, ORIGIN);
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  // A browser sends Origin on every non-GET request; same-origin unless a test says otherwise.
  if (method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
  return dispatchApi(new Request(url, { method, headers, body, duplex: "half" } as RequestInit));
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape; each assertion checks the fields it uses
export async function callJson<T = any>(method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await call(method, pathAndQuery, opts);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/**
 * Headers that make an in-process request come "from" `ip`: what our HTTP server sets after resolving the
 * socket address (src/server/request-listener.ts). A client-sent X-Forwarded-For is not an address (issue 9 item 4).
 */
export function fromIp(ip: string): Record<string, string> {
  return { [CLIENT_HEADER]: clientHeaderValue(ip) };
}
