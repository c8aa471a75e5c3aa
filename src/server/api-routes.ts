// The JSON API's route table, read from the same files Next's App Router reads (src/app/api/**/route.ts):
// each file's folder path is its URL pattern, its exported GET/POST/… are its handlers. Our HTTP server
// dispatches /api with it (api-dispatch.ts) and the integration tests call through it, so the table the
// tests cover is the table production serves; `next dev` still mounts the same files itself.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const API_DIR = fileURLToPath(new URL("../app/api", import.meta.url));

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a route module exports: Next's route-handler signature. */
export type RouteHandler = (req: Request, ctx: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type RouteModule = Partial<Record<HttpMethod, RouteHandler>>;

export interface ApiRoute {
  /** "/api/tickets/[id]" */
  pattern: string;
  file: string;
  segments: string[];
  /** Routes without dynamic segments get no params at all, as in Next. */
  dynamic: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return walk(full);
      return entry === "route.ts" ? [full] : [];
    });
}

function toRoute(file: string): ApiRoute {
  const segments = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
  return { pattern: `/api/${segments.join("/")}`, file, segments, dynamic: segments.some((s) => s.startsWith("[")) };
}

/** 0 static, 1 dynamic, 2 catch-all: at the first position where two routes differ, the lower kind wins. */
const kind = (segment: string | undefined) => (segment === undefined ? -1 : segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

/** Next's order: /api/tickets/bulk before /api/tickets/[id], anything before a catch-all. */
function bySpecificity(a: ApiRoute, b: ApiRoute): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const d = kind(a.segments[i]) - kind(b.segments[i]);
    if (d !== 0) return d;
  }
  return a.pattern.localeCompare(b.pattern);
}

/** Every API route, most specific first (the order matching tries them in). */
export const API_ROUTES: ApiRoute[] = walk(API_DIR).map(toRoute).sort(bySpecificity);

export type Params = Record<string, string | string[]>;

/** Matches a pathname's raw segments against one route; dynamic segments are percent-decoded. */
export function matchRoute(route: ApiRoute, parts: string[]): Params | null {
  const params: Params = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    if (seg.startsWith("[...")) {
      if (parts.length <= i) return null;
      const decoded = parts.slice(i).map(safeDecode);
      if (decoded.some((p) => p === null)) return null;
      params[seg.slice(4, -1)] = decoded as string[];
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.startsWith("[")) {
      const value = safeDecode(part);
      if (value === null) return null;
      params[seg.slice(1, -1)] = value;
    } else if (seg !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route a pathname ("/api/tickets/…", already without its query) names, with its params, or null. */
export function resolveApiRoute(pathname: string): { route: ApiRoute; params: Params } | null {
  if (!pathname.startsWith("/api/")) return null;
  // One spelling per route: an empty segment ("//", a trailing "/") names nothing.
  const parts = pathname.slice("/api/".length).split("/");
  if (parts.includes("")) return null;
  for (const route of API_ROUTES) {
    const params = matchRoute(route, parts);
    if (params) return { route, params };
  }
  return null;
}

const modules = new Map<string, Promise<RouteModule>>();

/** A route's module, imported once (the server imports them all at start-up: loadApiRoutes). */
export function routeModule(route: ApiRoute): Promise<RouteModule> {
  let mod = modules.get(route.file);
  if (!mod) {
    mod = import(pathToFileURL(route.file).href) as Promise<RouteModule>;
    modules.set(route.file, mod);
  }
  return mod;
}

/** Imports every route module, so the first request of each route does not pay for it. */
export async function loadApiRoutes(): Promise<void> {
  await Promise.all(API_ROUTES.map(routeModule));
}
