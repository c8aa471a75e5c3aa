// The one way client components write (and, where a component loads on demand, read): JSON over fetch to
// our API, so every change passes the same HTTP pipeline (origin/CSRF check, rate limit, body cap,
// validation). No server actions.
import { forgetAllDrafts } from "@/components/drafts/draft-store";

export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** Messages keyed by body field ("title", "assigneeId"), from the error's details when present. */
  fieldErrors: Record<string, string>;
  /** The error object as the server sent it: a 412 `stale` carries `current` (the ticket now, what changed). */
  body?: Record<string, unknown>;
}

/** `etag` is the response's ETag header: a ticket write answers with the ticket's new version (issue 11). */
export type ApiResult<T> = { ok: true; status: number; data: T; etag?: string | null } | { ok: false; error: ApiError };

export interface SendOptions {
  /** The version the caller's page shows (an ETag): the write is refused with 412 when it is stale. */
  ifMatch?: string;
}

const GENERIC: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "You are not allowed to do this.",
  404: "This ticket no longer exists or is not visible to you.",
  413: "That is too long to send.",
  429: "Too many requests. Wait a moment and try again.",
};

/** A read for a client component that loads on demand (the macro picker), with the same error shape. */
export function getJson<T = unknown>(url: string): Promise<ApiResult<T>> {
  return sendJson<T>("GET", url);
}

export async function sendJson<T = unknown>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<ApiResult<T>> {
  let res: Response;
  const headers: Record<string, string> =
    body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" };
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: "Could not reach the server. Check your connection.", fieldErrors: {} } };
  }
  const payload: unknown = await res.json().catch(() => null);
  // The session ended under this page (expired, revoked elsewhere): its drafts must not outlive it (F7).
  if (res.status === 401) forgetAllDrafts({ sessionEnded: true });
  if (res.ok) return { ok: true, status: res.status, data: payload as T, etag: res.headers.get("etag") };
  return { ok: false, error: toApiError(res.status, payload) };
}

function toApiError(status: number, payload: unknown): ApiError {
  const err = isRecord(payload) && isRecord(payload.error) ? payload.error : {};
  const code = typeof err.code === "string" ? err.code : "error";
  const serverMessage = typeof err.message === "string" ? err.message : null;
  // Server messages for 400/409 (and the MFA gate) explain what to fix; otherwise a plain sentence reads better.
  const fieldErrors = fieldErrorsFrom(err.details);
  // A schema failure names each field below it; the summary only has to point there.
  const message =
    Array.isArray(err.details) && Object.keys(fieldErrors).length > 0
      ? "Please correct the fields marked below."
      : ((status === 400 || status === 409 || code === "mfa_required" ? serverMessage : null) ??
        GENERIC[status] ??
        serverMessage ??
        "Something went wrong. Try again.");
  return { status, code, message, fieldErrors, body: err };
}

/** Validation details always come as [{path, message}], from zod and from domain checks alike. */
function fieldErrorsFrom(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details) {
    if (isRecord(d) && typeof d.path === "string" && typeof d.message === "string" && d.path && !out[d.path]) out[d.path] = d.message;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
