import { randomBytes } from "node:crypto";
import { passwordProblem } from "../src/auth/password-policy";
import { DEMO_ORGS, DEMO_USERS, demoEmail } from "../src/db/seed/demo-content";

/** The seed creates known accounts: never in production (S14). */
export function assertSeedAllowed(source: Readonly<Record<string, string | undefined>>): void {
  const appEnv = source.APP_ENV ?? (source.NODE_ENV === "production" ? "production" : "development");
  if (appEnv === "production") {
    throw new Error("Refusing to seed demo data: APP_ENV is production.");
  }
}

/** Why the password is refused for one of the demo accounts (each with its own context), else null. */
function demoAccountProblem(password: string): string | null {
  for (const org of DEMO_ORGS) {
    for (const u of DEMO_USERS) {
      const problem = passwordProblem(password, { email: demoEmail(u.local, org.slug), name: u.name, orgName: org.name, orgSlug: org.slug });
      if (problem) return problem;
    }
  }
  return null;
}

/** SEED_PASSWORD when given (at least 12 characters); otherwise a fresh random one, printed once. */
export function seedPassword(source: Readonly<Record<string, string | undefined>>): { password: string; generated: boolean } {
  const given = source.SEED_PASSWORD;
  if (given) {
    if (given.length < 12) throw new Error("SEED_PASSWORD must be at least 12 characters.");
    // The demo accounts must pass the same policy as every other password (S3, issue 9 item 13), with
    // each account's context: "Acme2026!Globex" is no password for acme's admin.
    const problem = demoAccountProblem(given);
    if (problem) throw new Error(`SEED_PASSWORD is refused by the password policy: ${problem}`);
    return { password: given, generated: false };
  }
  // 16 random base64url characters (96 bits). The same policy applies: a draw that happens to spell a
  // demo name or a year is drawn again (none did in 1,000 tries; the loop makes it certain).
  for (;;) {
    const password = randomBytes(12).toString("base64url");
    if (!demoAccountProblem(password)) return { password, generated: true };
  }
}
