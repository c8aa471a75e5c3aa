import { APIError } from "better-auth/api";
import { passwordProblem } from "../password-policy";
import { sessionUser, type HookCtx } from "./auth-user";

const PATHS = new Set(["/change-password", "/set-password", "/reset-password"]);

/** Every path that sets a password goes through the policy (S3). */
export const passwordPolicyBefore = async (ctx: HookCtx) => {
  if (!PATHS.has(ctx.path)) return;
  const password = (ctx.body as { newPassword?: unknown } | undefined)?.newPassword;
  if (typeof password !== "string") return;
  const user = (await sessionUser(ctx))?.user;
  const problem = passwordProblem(password, user?.email ?? null, user?.name ?? null);
  if (problem) throw new APIError("BAD_REQUEST", { code: "WEAK_PASSWORD", message: problem });
};
