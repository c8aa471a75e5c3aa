import { randomUUID } from "node:crypto";
import { AUTH_BASE_PATH, isAllowedAuthEndpoint } from "@/auth/auth-endpoints";
import { clientIp } from "@/auth/get-actor";
import { AppError, Invalid, isAppError, NotFound } from "@/lib/errors";
import { findUnsafeText, MAX_JSON_DEPTH, nestedDeeperThan } from "@/lib/text-input";
import { logger } from "@/lib/logger";
import { readBodyCapped } from "./body";
import { assertSameOrigin } from "./origin";
import { errorResponse } from "./respond";

const AUTH_BODY_MAX = 16 * 1024;

/** Keys that hold a session (or provider) secret, wherever they sit in a JSON body. */
const SECRET_KEYS = new Set(["token", "sessionToken", "accessToken", "refreshToken", "idToken"]);

/** A copy of `value` without secret keys, at any depth (objects and arrays); `changed` says if any went. */
export function stripSecrets(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const r = stripSecrets(item);
      changed ||= r.changed;
      return r.value;
    });
    return { value: items, changed };
  }
  if (value && typeof value === "object") {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEYS.has(key)) {
        changed = true;
        continue;
      }
      const r = stripSecrets(item);
      changed ||= r.changed;
      out[key] = r.value;
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

/**
 * The library returns session tokens in JSON bodies (sign-in and two-factor verify at the top level,
 * get-session nested in `session`, list-sessions in every array item). The session lives in an HttpOnly
 * cookie precisely so that page scripts never see it: drop every token from every body (S4, issue 9
 * item 13).
 */
async function withoutSessionToken(response: Response, headers: Headers): Promise<BodyInit | null> {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return response.body;
  const text = await response.text();
  try {
    const stripped = stripSecrets(JSON.parse(text) as unknown);
    if (stripped.changed) {
      headers.delete("content-length");
      return JSON.stringify(stripped.value);
    }
  } catch {
    // not JSON after all: pass it through unchanged
  }
  return text;
}

/**
 * The same text floor as every other body (src/lib/text-input.ts, issue 9 items 11 and 13): a NUL byte or
 * another control character in any auth field is a 400 naming the field, before the library sees it.
 */
function assertSafeText(raw: Uint8Array): void {
  if (raw.byteLength === 0) return;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    return; // the library answers malformed JSON itself
  }
  if (nestedDeeperThan(data)) throw Invalid(`Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  const field = findUnsafeText(data);
  if (field !== null) throw Invalid("Request body contains control characters", [{ path: field, message: "must not contain control characters" }]);
}

/**
 * Only the endpoints the app uses get through (issue 9 item 2): the path as the client sent it, compared
 * exactly, so no other spelling of a refused path reaches the library's router.
 */
function assertAllowedEndpoint(req: Request, pathname: string): void {
  const path = pathname.startsWith(`${AUTH_BASE_PATH}/`) ? pathname.slice(AUTH_BASE_PATH.length) : null;
  if (path === null || !isAllowedAuthEndpoint(req.method, path)) throw NotFound("Endpoint");
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
      assertAllowedEndpoint(req, path);
      assertSameOrigin(req, { alwaysCheck: true });
      let forward = req;
      if (req.method !== "GET" && req.method !== "HEAD") {
        if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
          throw new AppError("unsupported_media_type", "Send the body as application/json");
        }
        const raw = await readBodyCapped(req, AUTH_BODY_MAX);
        assertSafeText(raw);
        forward = new Request(req.url, { method: req.method, headers: req.headers, body: raw.byteLength ? Buffer.from(raw) : undefined });
      }
      response = await handler(forward);
    } catch (error) {
      if (!isAppError(error)) throw error;
      response = errorResponse(error as AppError);
    }
    const headers = new Headers(response.headers);
    headers.set("x-request-id", requestId);
    // Every auth answer is about one person (sessions, the account, two-factor): never kept by a cache
    // (attack pass B4: list-sessions had no Cache-Control).
    headers.set("cache-control", "no-store");
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
