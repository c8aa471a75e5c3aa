// Every door that sets a password judges it here (S3, issue 9 follow-up): the library's change-password,
// setPassword and reset-password (hooks/password-policy-hook.ts) and our invite acceptance
// (domain/admin/accept-invite.ts). The policy's estimate of a crafted 128-character password costs up to
// a second of CPU, and a refused new password costs the user no sign-in guess, so without a budget one
// signed-in user — or one holder of a reset or invite link — could keep a core busy. Each account gets
// PASSWORD_CHECKS_PER_ACCOUNT judgements per 15 minutes, taken before the estimate runs. Callers judge
// only for an account they have established (a session, a valid token): nobody else's request costs CPU.
import type { LimitDecision } from "@/lib/rate-limit/limiter";
import { consume } from "@/lib/rate-limit/limiter";
import { type PasswordContext, passwordProblem } from "./password-policy";

export type Judgement = { kind: "refused_budget"; decision: LimitDecision } | { kind: "weak"; problem: string } | { kind: "ok" };

export async function judgeNewPassword(accountId: string, password: string, context: PasswordContext): Promise<Judgement> {
  const decision = await consume("password_check.account", accountId);
  if (!decision.allowed) return { kind: "refused_budget", decision };
  const problem = passwordProblem(password, context);
  return problem ? { kind: "weak", problem } : { kind: "ok" };
}
