// Writes to Better Auth's own endpoints (two-factor, change-password, password reset). They answer errors as
// `{ code, message }`, not our `{ error: { code, message } }`, so sendJson would lose the message that
// matters here (the password policy's). Our wrapper in front of them (origin check, body cap) answers
// in our shape; both are read. The result has sendJson's shape, so forms handle both alike (useFormSubmit).

import type { ApiResult } from "@/components/api/send-json";

/** Library codes in words a user can act on; our own codes (WEAK_PASSWORD, TOTP_ALREADY_USED) carry their message. */
const MESSAGES: Record<string, string> = {
  INVALID_PASSWORD: "That password is not correct.",
  INVALID_CODE: "That code is not correct or has expired. Enter the current code from your app.",
  INVALID_TOKEN: "This reset link is invalid, has expired or was already used. Ask for a new one.",
  PASSWORD_TOO_SHORT: "Use at least 12 characters.",
  PASSWORD_TOO_LONG: "Use at most 128 characters.",
  TOTP_ALREADY_ENABLED: "Two-factor authentication is already on. Reload the page.",
  TWO_FACTOR_NOT_ENABLED: "Two-factor authentication is not on. Reload the page.",
  UNAUTHORIZED: "Your session has ended. Sign in again.",
};
const OWN_MESSAGE_CODES = new Set(["WEAK_PASSWORD", "TOTP_ALREADY_USED"]);
const BY_STATUS: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "This request was refused. Reload the page and try again.",
  429: "Too many attempts. Wait a moment and try again.",
};

export async function postAuth<T>(path: `/api/auth/${string}`, body: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: "Could not reach the server. Check your connection.", fieldErrors: {} } };
  }
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: payload as T };
  const err = isRecord(payload) ? (isRecord(payload.error) ? payload.error : payload) : {};
  const code = typeof err.code === "string" ? err.code : "error";
  const serverMessage = typeof err.message === "string" ? err.message : null;
  const message = (OWN_MESSAGE_CODES.has(code) ? serverMessage : null) ?? MESSAGES[code] ?? BY_STATUS[res.status] ?? "Something went wrong. Try again.";
  return { ok: false, error: { status: res.status, code, message, fieldErrors: {} } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
