// What an error may say in a log line (S13; issue 9 item 11). Error messages carry user data: Drizzle's
// query error appends every bound parameter ("params: ada@example.com,…"), PostgreSQL quotes the offending
// value ('invalid input syntax for type uuid: "…"'), SMTP errors name the recipient. Logs keep the error's
// kind, code and stack frames, with quoted values, e-mail addresses and parameter lists removed.

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|'')*'/g;

/** One line of free text made safe to log: no parameter list, no quoted values, no e-mail addresses. */
export function redactLogText(text: string): string {
  const cut = text.search(/\n?params:/);
  const head = cut >= 0 ? text.slice(0, cut) : text;
  return head.replace(QUOTED, '"[redacted]"').replace(EMAIL, "[redacted-email]").slice(0, 500);
}

export type SafeErrorSummary = { name: string; code?: string; message: string; stack?: string; cause?: SafeErrorSummary };

/** An error as a log field: name, SQLSTATE/system code, redacted message, stack frames only (never the message again). */
export function safeErrorSummary(error: unknown, depth = 0): SafeErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: redactLogText(String(error)) };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6)
    .join("\n");
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    ...(typeof code === "string" ? { code } : {}),
    message: redactLogText(error.message),
    ...(frames ? { stack: frames } : {}),
    ...(cause !== undefined && depth < 2 ? { cause: safeErrorSummary(cause, depth + 1) } : {}),
  };
}

/** Shorthand for the many `err: e.message` log fields. */
export const safeErrorMessage = (error: unknown) => safeErrorSummary(error).message;

// A one-time link token (src/lib/link-token.ts: 43 base64url characters) as a whole path segment.
const LINK_TOKEN_SEGMENT = /(?<=\/)[A-Za-z0-9_-]{43}(?=\/|$)/g;

/**
 * A request's path as logs and the audit trail may keep it (attack pass 2, D5): the single-use link tokens
 * that are the credential of /api/satisfaction/{token} and /api/invites/{token} replaced by "[token]".
 * Before, every use of a link wrote the live token into the request log, and a refused one (another
 * signed-in person opening it) into the organization's audit trail, where admins and log readers could
 * answer or accept it in its owner's name.
 */
export function loggablePath(url: string): string {
  return new URL(url).pathname.replace(LINK_TOKEN_SEGMENT, "[token]");
}
