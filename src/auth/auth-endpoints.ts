// Which of Better Auth's endpoints the app exposes (issue 9 item 2, S1, S3, S4). An explicit allowlist of
// method + path: what the app's own pages call, nothing else. Every other endpoint the library (with our
// plugins) serves is refused with a 404, at the HTTP door (src/http/auth-route.ts) and again in the
// before hook (hooks/endpoint-allowlist.ts) for any request that reaches the handler another way.
// tests/integration/auth-endpoints.test.ts derives the library's full list from auth().api and fails when
// an endpoint appears that is in neither table below, so a library upgrade cannot widen the surface quietly.

/** Method + path (relative to /api/auth) of every endpoint the app uses, and who uses it. */
export const ALLOWED_AUTH_ENDPOINTS: Readonly<Record<string, string>> = {
  "POST /sign-in/email": "sign-in form, invite acceptance",
  "POST /sign-out": "header sign-out button",
  "POST /change-password": "account security: change password",
  "POST /request-password-reset": "forgot-password page (answered the same for every address, hooks/password-reset.ts)",
  "POST /reset-password": "reset-password page, with the token from the e-mailed link",
  "POST /two-factor/enable": "account security: start TOTP enrolment",
  "POST /two-factor/verify-totp": "sign-in second step; confirm enrolment",
  "POST /two-factor/verify-backup-code": "sign-in second step with a recovery code",
  "POST /two-factor/disable": "account security: turn MFA off",
  "POST /two-factor/generate-backup-codes": "account security: new recovery codes",
  // Read-only session views (tokens stripped from every response by the HTTP door); our own
  // /api/account/sessions is what the pages use, these stay for scripts that follow the library's docs.
  "GET /get-session": "session check for scripts (no token in the body)",
  "GET /list-sessions": "own sessions for scripts (no tokens in the body)",
};

/**
 * Library endpoints refused on purpose, with the reason. A path here answers 404 for every method.
 * Endpoints without a path (server-only: setPassword, generateTOTP, viewBackupCodes) are not reachable
 * over HTTP at all and are listed in the test.
 */
export const REFUSED_AUTH_ENDPOINTS: Readonly<Record<string, string>> = {
  "/sign-in/social": "no social providers",
  "/callback/:id": "no OAuth providers",
  "/sign-up/email": "accounts are created by admins (invites), never by self sign-up",
  "/reset-password/:token": "the e-mailed link opens our own reset page, which posts the token to /reset-password",
  "/verify-password": "a password oracle for a stolen session; the app does not need it",
  "/verify-email": "e-mail addresses are set by admins",
  "/send-verification-email": "e-mail addresses are set by admins",
  "/change-email": "e-mail addresses are set by admins",
  "/update-session": "session fields are not client-editable",
  "/update-user": "names are set by admins; a self-chosen name could impersonate staff",
  "/delete-user": "accounts are deactivated by admins, never self-deleted (audit trail)",
  "/delete-user/callback": "no self-deletion",
  "/revoke-session": "our /api/account/sessions revokes by id, without exposing tokens",
  "/revoke-sessions": "our /api/account/sessions",
  "/revoke-other-sessions": "our /api/account/sessions",
  "/link-social": "no social providers",
  "/list-accounts": "no linked accounts",
  "/unlink-account": "no linked accounts",
  "/refresh-token": "no OAuth providers",
  "/get-access-token": "no OAuth providers",
  "/account-info": "no OAuth providers",
  "/two-factor/get-totp-uri": "a password oracle that also reveals the TOTP secret; enrolment returns the URI once",
  "/two-factor/send-otp": "no OTP by e-mail/SMS configured",
  "/two-factor/verify-otp": "no OTP by e-mail/SMS configured",
  "/ok": "health is /api/health",
  "/error": "the library's HTML error page",
};

const ALLOWED = new Set(Object.keys(ALLOWED_AUTH_ENDPOINTS));

/**
 * Is `method path` on the allowlist? `path` is compared byte for byte (no decoding, no case folding, no
 * slash merging): "/Sign-In/email", "/sign-in/email/", "//sign-in/email" and "/sign%2Din/email" are not
 * on the list, whatever the library's router would make of them.
 */
export function isAllowedAuthEndpoint(method: string, path: string): boolean {
  return ALLOWED.has(`${method.toUpperCase()} ${path}`);
}

export const AUTH_BASE_PATH = "/api/auth";
