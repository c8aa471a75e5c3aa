// The one way client components write (and, where a component loads on demand, read): JSON over fetch to
// our API, so every change passes the same HTTP pipeline (origin/CSRF check, rate limit, body cap,
// validation). No server actions.
import { forgetAllDrafts } from "@/components/drafts/draft-store";
import { type MessageVars, translator } from "@/components/messages/define";
import { VALIDATION_MESSAGES } from "@/components/messages/validation";
import { documentLocale } from "./document-locale";

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
  /** Sent even as the page goes away (a presence "left" on leaving a ticket page). */
  keepalive?: boolean;
}

const GENERIC = {
  401: "request.sessionEnded",
  403: "request.forbidden",
  404: "request.notFound",
  413: "request.tooLarge",
  429: "request.tooMany",
} as const;

/** This module's words: the request failures and schema rules, in the language the page was rendered in. */
const words = () => translator(VALIDATION_MESSAGES, documentLocale());

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
      keepalive: options.keepalive,
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: words()("request.network"), fieldErrors: {} } };
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
  const t = words();
  const fieldErrors = fieldErrorsFrom(err.details, t);
  const generic = status in GENERIC ? t(GENERIC[status as keyof typeof GENERIC]) : null;
  // A schema failure names each field below it; the summary only has to point there.
  const message =
    Array.isArray(err.details) && Object.keys(fieldErrors).length > 0
      ? t("request.correctFields")
      : ((status === 400 || status === 409 || code === "mfa_required" ? serverMessage : null) ?? generic ?? serverMessage ?? t("request.failed"));
  return { status, code, message, fieldErrors, body: err };
}

/**
 * Validation details always come as [{path, message}], from zod and from domain checks alike; a schema
 * issue also names its plain-words rule, worded here again in the reader's language.
 */
function fieldErrorsFrom(details: unknown, t: ReturnType<typeof words>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details) {
    if (!isRecord(d) || typeof d.path !== "string" || typeof d.message !== "string" || !d.path || out[d.path]) continue;
    out[d.path] = isRule(d.rule) ? t(d.rule, ruleVars(d)) : d.message;
  }
  return out;
}

function isRule(rule: unknown): rule is keyof typeof VALIDATION_MESSAGES.en {
  return typeof rule === "string" && rule.startsWith("validation.") && Object.hasOwn(VALIDATION_MESSAGES.en, rule);
}

/** The rule's numbers and values, as the server sent them: only numbers and strings pass. */
function ruleVars(d: Record<string, unknown>): MessageVars {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(d)) if (typeof v === "number" || typeof v === "string") vars[k] = v;
  return vars;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
