// Better Auth: email + password, database sessions in Postgres, TOTP two-factor with backup codes.
// Created lazily so that `next build` (which imports route modules) needs no runtime configuration.
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor } from "better-auth/plugins";
import { db } from "@/db/client";
import { accounts, sessions, twoFactors, users, verifications } from "@/db/schema";
import { env, isProduction } from "@/lib/env";
import { authHooks } from "./hooks";
import { refuseSessionForInactiveUser } from "./hooks/deactivated-user";
import { afterPasswordReset, RESET_TOKEN_TTL_SEC, sendResetPasswordMail } from "@/domain/account/password-reset-mail";
import { hashPassword, verifyPassword } from "./password-hashing";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";
import { VERIFICATION_STORAGE } from "./reset-token-storage";
import { authCookieName } from "./session-cookie";
import { SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from "./session-lifetime";

export { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from "./session-lifetime";

/**
 * Cookie names (session-cookie.ts, which our HTTP server also reads): `__Host-` in production. The
 * library's own `__Secure-` prefix is switched off so the two do not stack.
 */
function cookieConfig(production: boolean) {
  const name = (n: string) => authCookieName(n, production);
  return {
    useSecureCookies: false,
    cookiePrefix: "helpdesk",
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" as const, secure: production, path: "/" },
    cookies: {
      session_token: { name: name("session_token") },
      session_data: { name: name("session_data") },
      dont_remember: { name: name("dont_remember") },
      two_factor: { name: name("two_factor") },
      trust_device: { name: name("trust_device") },
    },
  };
}

function createAuth() {
  const e = env();
  return betterAuth({
    appName: "Helpdesk",
    secret: e.BETTER_AUTH_SECRET,
    baseURL: e.APP_URL,
    trustedOrigins: [new URL(e.APP_URL).origin],
    database: drizzleAdapter(db(), {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the seed and by admins inside an organization, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      // NFKC before scrypt: one password however it was typed (password-hashing.ts).
      password: { hash: hashPassword, verify: verifyPassword },
      // Issue 12: a forgotten password is reset through a link e-mailed to the account's address. The
      // request is answered the same for every address and handled by the worker (hooks/password-reset.ts);
      // the link works once, for 30 minutes; a reset ends every session, device cookie and other link.
      sendResetPassword: sendResetPasswordMail,
      resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SEC,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: afterPasswordReset,
    },
    // Reset tokens are stored hashed (reset-token-storage.ts): a read of the table yields no working link.
    verification: { storeIdentifier: VERIFICATION_STORAGE },
    user: {
      // Issue 9 item 13: the library finds, and returns as `email`, the sign-in address — set only for
      // users who can sign in and unique across organizations — never a pending invitee's address, which
      // another organization's account may share (src/db/schema/auth.ts).
      fields: { email: "signInEmail" },
      additionalFields: {
        // The address column itself (unique per organization, shared by pending invitees): declared so
        // the library's schema check knows it; the library never reads or writes it (no sign-up).
        address: { type: "string", fieldName: "email", input: false, required: true, returned: false },
        role: { type: "string", input: false, required: false },
        organizationId: { type: "string", input: false, required: false },
        active: { type: "boolean", input: false, required: false, defaultValue: true },
      },
    },
    session: {
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      // No cookie cache: every request reads the session row, so a revoked session stops at once.
      cookieCache: { enabled: false },
    },
    plugins: [
      twoFactor({
        issuer: "Helpdesk",
        backupCodeOptions: { amount: 10, length: 10 },
      }),
    ],
    advanced: {
      // UUIDs everywhere, generated here (the "uuid" mode expects a database default).
      database: { generateId: () => randomUUID() },
      ...cookieConfig(isProduction()),
    },
    // Our own throttle (S1) replaces the library's limiter, which its server API bypasses.
    rateLimit: { enabled: false },
    hooks: authHooks,
    // Issue 9 item 5: no new session for a deactivated user, whichever path creates it.
    databaseHooks: { session: { create: { before: async (session) => void (await refuseSessionForInactiveUser(session)) } } },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { helpdeskAuth?: Auth };
export function auth(): Auth {
  globalForAuth.helpdeskAuth ??= createAuth();
  return globalForAuth.helpdeskAuth;
}
