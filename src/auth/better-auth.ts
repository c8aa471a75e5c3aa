// Better Auth: email + password, database sessions in Postgres. Created lazily so that `next build`
// (which imports route modules) does not need the runtime configuration.
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { db } from "@/db/client";
import { accounts, sessions, users, verifications } from "@/db/schema";
import { env, isProduction } from "@/lib/env";
import { signInThrottleAfter, signInThrottleBefore } from "./sign-in-throttle";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;
export const SESSION_REFRESH_SECONDS = 60 * 60 * 24;

function createAuth() {
  const e = env();
  return betterAuth({
    secret: e.BETTER_AUTH_SECRET,
    baseURL: e.APP_URL,
    trustedOrigins: [new URL(e.APP_URL).origin],
    database: drizzleAdapter(db(), {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the seed and by admins inside an organization, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false },
        organizationId: { type: "string", input: false, required: false },
        active: { type: "boolean", input: false, required: false, defaultValue: true },
      },
    },
    session: {
      expiresIn: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      // No cookie cache: every request reads the session row, so a revoked session stops at once.
      cookieCache: { enabled: false },
    },
    advanced: {
      // UUIDs everywhere, generated here (the "uuid" mode expects a database default).
      database: { generateId: () => randomUUID() },
      useSecureCookies: isProduction(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: isProduction() },
    },
    // Our own throttle (S1) replaces the library's limiter, which its server API bypasses.
    rateLimit: { enabled: false },
    hooks: { before: signInThrottleBefore, after: signInThrottleAfter },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { helpdeskAuth?: Auth };
export function auth(): Auth {
  globalForAuth.helpdeskAuth ??= createAuth();
  return globalForAuth.helpdeskAuth;
}
