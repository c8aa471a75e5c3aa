import { randomUUID } from "node:crypto";
import { clientIp } from "@/auth/get-actor";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { readBodyCapped } from "./body";
import { assertSameOrigin } from "./origin";
import { errorResponse } from "./respond";

const AUTH_BODY_MAX = 16 * 1024;

/**
 * Wraps the auth library's handler: same-origin check on every write (S4, login CSRF included), JSON-only
 * bodies (an HTML form on another site cannot send application/json without a CORS preflight we never
 * grant — this is what a CSRF token would add), a body cap, and a log line per sign-in attempt (S13).
 */
export function authRoute(handler: (req: Request) => Promise<Response>) {
  return async function handle(req: Request): Promise<Response> {
    const started = performance.now();
    const requestId = randomUUID();
    const path = new URL(req.url).pathname;
    let response: Response;
    try {
      assertSameOrigin(req, { alwaysCheck: true });
      let forward = req;
      if (req.method !== "GET" && req.method !== "HEAD") {
        if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
          throw new AppError("unsupported_media_type", "Send the body as application/json");
        }
        const raw = await readBodyCapped(req, AUTH_BODY_MAX);
        forward = new Request(req.url, { method: req.method, headers: req.headers, body: raw.byteLength ? Buffer.from(raw) : undefined });
      }
      response = await handler(forward);
    } catch (error) {
      if (!isAppError(error)) throw error;
      response = errorResponse(error as AppError);
    }
    const headers = new Headers(response.headers);
    headers.set("x-request-id", requestId);
    response = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    const signIn = path.endsWith("/sign-in/email");
    logger.info(
      {
        event: signIn ? "auth.sign_in" : "http.request",
        outcome: signIn ? (response.ok ? "success" : "failure") : undefined,
        requestId,
        route: "auth",
        method: req.method,
        path,
        status: response.status,
        ip: clientIp(req.headers),
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      },
      signIn ? "sign-in attempt" : "request",
    );
    return response;
  };
}
