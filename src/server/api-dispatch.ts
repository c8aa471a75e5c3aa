// The JSON API's router (issue 15): a Web Request in, the route module's handler, a Web Response out.
// Every API route is still written once, as a Next route handler through the shared pipeline
// (src/http/route.ts: origin check, actor, rate limits, body cap, errors, logging); this only finds the
// handler, as Next's router would, without Next's request runtime around it: a CPU profile put that
// runtime at ~4 ms of the ~8 ms a signed-in API request cost, more than the whole node-postgres floor.
// Our HTTP server calls it for every /api request (request-listener.ts), and the integration tests call
// it too (tests/support/api.ts), so the tests exercise the routing production uses.
//
// What Next's route handling does and this keeps: HEAD answered by GET without a body, OPTIONS with an
// Allow list, 405 for a method the route lacks, params percent-decoded and passed as a promise. What
// differs: one spelling per route — a trailing slash or an empty segment is a 404 (Next redirected it),
// as is an unknown /api path (a JSON 404, not the HTML not-found page); an error thrown past the pipeline
// is a JSON 500.
import type { IncomingMessage, ServerResponse } from "node:http";
import { internalErrorResponse } from "@/http/respond";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { safeErrorSummary } from "@/lib/log-safe";
import { HTTP_METHODS, resolveApiRoute, routeModule, type HttpMethod, type RouteModule } from "./api-routes";
import { toWebRequest, writeWebResponse } from "./node-web";

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The methods a module answers, with the ones Next implements for it (HEAD from GET, OPTIONS). */
function allowed(mod: RouteModule): string {
  const methods = new Set(HTTP_METHODS.filter((m) => typeof mod[m] === "function"));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods].sort().join(", ");
}

/**
 * Every API request's duration by route PATTERN and method (issue 14): the label set is the route table,
 * never the raw path, so a scan of random URLs adds no series (they are all route="unmatched").
 */
export async function dispatchApi(request: Request): Promise<Response> {
  const started = performance.now();
  const found = resolveApiRoute(new URL(request.url).pathname);
  const response = await dispatchResolved(request, found);
  const method = HTTP_METHODS.includes(request.method.toUpperCase() as HttpMethod) ? request.method.toUpperCase() : "OTHER";
  metrics().httpRouteDuration.observe(
    { route: found?.route.pattern ?? "unmatched", method, status_class: `${Math.floor(response.status / 100)}xx` },
    (performance.now() - started) / 1000,
  );
  return response;
}

async function dispatchResolved(request: Request, found: ReturnType<typeof resolveApiRoute>): Promise<Response> {
  if (!found) return jsonError(404, "not_found", "No such API endpoint");
  const mod = await routeModule(found.route);
  const method = request.method.toUpperCase() as HttpMethod;
  const handler = mod[method] ?? (method === "HEAD" ? mod.GET : undefined);
  if (!handler) {
    if (method === "OPTIONS") return new Response(null, { status: 204, headers: { allow: allowed(mod) } });
    return jsonError(405, "method_not_allowed", `${request.method} is not allowed here`, { allow: allowed(mod) });
  }
  try {
    const response = await handler(request, found.route.dynamic ? { params: Promise.resolve(found.params) } : {});
    if (method !== "HEAD" || !response.body) return response;
    await response.body.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    logger.error({ event: "http.unhandled_error", route: found.route.pattern, err: safeErrorSummary(error) }, "unhandled error outside the pipeline");
    return internalErrorResponse();
  }
}

/** The request signal's reason once the answer is done or the client went away (one, not a DOMException each). */
const CLOSED = Object.freeze(new Error("The response was closed"));

/** The API for our Node server: a Node request in, dispatched as a Web Request, the Response written back. */
export function nodeApiHandler(origin: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const done = new AbortController();
    res.once("close", () => done.abort(CLOSED));
    try {
      await writeWebResponse(res, await dispatchApi(toWebRequest(req, origin, done.signal)));
    } catch (error) {
      logger.error({ event: "http.unhandled_error", route: "api", err: safeErrorSummary(error) }, "API response failed");
      if (!res.headersSent) void writeWebResponse(res, internalErrorResponse());
      else res.destroy();
    }
  };
}
