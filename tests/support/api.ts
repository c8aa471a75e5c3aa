// Calls the real Next route handlers in-process with real Request objects: the same pipeline, actor
// lookup, database and errors as over HTTP, without a server. The route table is derived from the files
// under src/app/api, so a new route is covered (and the matrix test notices it) without editing this file.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CLIENT_HEADER, clientHeaderValue } from "../../src/auth/client-ip";

const API_DIR = path.resolve(import.meta.dirname, "../../src/app/api");
export const ORIGIN = "http://localhost:3000";

type Handler = (req: Request, ctx: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type ApiRoute = { pattern: string; file: string; segments: string[] };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return walk(full);
    return entry === "route.ts" ? [full] : [];
  });
}

export const API_ROUTES: ApiRoute[] = walk(API_DIR).map((file) => {
  const segments = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
  return { pattern: `/api/${segments.join("/")}`, file, segments };
});

function match(route: ApiRoute, pathname: string): Record<string, string | string[]> | null {
  const parts = pathname
    .replace(/^\/api\/?/, "")
    .split("/")
    .filter(Boolean);
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(seg);
    if (catchAll) {
      params[catchAll[1]!] = parts.slice(i);
      return parts.length > i ? params : null;
    }
    const part = parts[i];
    if (part === undefined) return null;
    const dynamic = /^\[(\w+)\]$/.exec(seg);
    if (dynamic) params[dynamic[1]!] = decodeURIComponent(part);
    else if (seg !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

function resolve(pathname: string): { route: ApiRoute; params: Record<string, string | string[]> } {
  // Static segments win over dynamic ones, as in Next's router.
  const ordered = [...API_ROUTES].sort((a, b) => a.segments.filter((s) => s.startsWith("[")).length - b.segments.filter((s) => s.startsWith("[")).length);
  for (const route of ordered) {
    const params = match(route, pathname);
    if (params) return { route, params };
  }
  throw new Error(`no API route for ${pathname}`);
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

export async function call(method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<Response> {
  const url = new URL(pathAndQuery, ORIGIN);
  const { route, params } = resolve(url.pathname);
  const mod = (await import(route.file)) as Record<string, Handler | undefined>;
  const handler = mod[method];
  if (!handler) return new Response(null, { status: 405 });
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  // A browser sends Origin on every non-GET request; same-origin unless a test says otherwise.
  if (method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
  const req = new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
  // Like Next: routes without dynamic segments get no params at all.
  const dynamic = route.segments.some((seg) => seg.startsWith("["));
  return handler(req, dynamic ? { params: Promise.resolve(params) } : {});
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
