import { randomUUID } from "node:crypto";
import { clientIp } from "@/auth/get-actor";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { readBodyCapped } from "./body";
import { assertSameOrigin } from "./origin";
import { errorResponse } from "./respond";

const AUTH_BODY_MAX = 16 * 1024;

/**
 * The library also returns the session token in JSON bodies (sign-in, two-factor verify). The session
 * lives in an HttpOnly cookie precisely so that page scripts never see it: drop it from the body.
 */
async function withoutSessionToken(response: Response, headers: Headers): Promise<BodyInit | null> {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return response.body;
  const text = await response.text();
  try {
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === "object" && !Array.isArray(data) && "token" in data) {
      delete (data as { token?: unknown }).token;
      headers.delete("content-length");
      return JSON.stringify(data);
    }
  } catch {
    // not JSON after all: pass it through unchanged
  }
  return text;
}

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
    response = new Response(await withoutSessionToken(response, headers), { status: response.status, statusText: response.statusText, headers });
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
