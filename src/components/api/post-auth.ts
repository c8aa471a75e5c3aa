// Writes to Better Auth's own endpoints (two-factor, change-password, password reset). They answer errors as
// `{ code, message }`, not our `{ error: { code, message } }`, so sendJson would lose the message that
// matters here (the password policy's). Our wrapper in front of them (origin check, body cap) answers
// in our shape; both are read. The result has sendJson's shape, so forms handle both alike (useFormSubmit).

import type { ApiResult } from "@/components/api/send-json";
import { translator } from "@/components/messages/define";
import { VALIDATION_MESSAGES } from "@/components/messages/validation";
import { documentLocale } from "./document-locale";

type WordId = keyof typeof VALIDATION_MESSAGES.en;

/** Library codes in words a user can act on; our own codes (WEAK_PASSWORD, TOTP_ALREADY_USED) carry their message. */
const MESSAGES: Record<string, WordId> = {
  INVALID_PASSWORD: "auth.wrongPassword",
  INVALID_CODE: "auth.wrongCode",
  INVALID_TOKEN: "auth.badResetLink",
  PASSWORD_TOO_SHORT: "auth.passwordTooShort",
  PASSWORD_TOO_LONG: "auth.passwordTooLong",
  TOTP_ALREADY_ENABLED: "auth.twoFactorAlreadyOn",
  TWO_FACTOR_NOT_ENABLED: "auth.twoFactorNotOn",
  UNAUTHORIZED: "request.sessionEnded",
};
const OWN_MESSAGE_CODES = new Set(["WEAK_PASSWORD", "TOTP_ALREADY_USED"]);
const BY_STATUS: Record<number, WordId> = {
  401: "request.sessionEnded",
  403: "auth.refused",
  429: "auth.tooManyAttempts",
};

export async function postAuth<T>(path: `/api/auth/${string}`, body: unknown): Promise<ApiResult<T>> {
  const t = translator(VALIDATION_MESSAGES, documentLocale());
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: t("request.network"), fieldErrors: {} } };
  }
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: payload as T };
  const err = isRecord(payload) ? (isRecord(payload.error) ? payload.error : payload) : {};
  const code = typeof err.code === "string" ? err.code : "error";
  const serverMessage = typeof err.message === "string" ? err.message : null;
  const wordId = MESSAGES[code] ?? BY_STATUS[res.status];
  const message = (OWN_MESSAGE_CODES.has(code) ? serverMessage : null) ?? t(wordId ?? "request.failed");
  return { ok: false, error: { status: res.status, code, message, fieldErrors: {} } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
