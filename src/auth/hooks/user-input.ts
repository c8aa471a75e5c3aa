// Issue 9 items 11/13: the library's own user endpoints accept any string as a display name; a NUL byte
// or 121 characters reached the database and gave a 500, and any name could be chosen. update-user and
// sign-up are refused over HTTP (auth-endpoints.ts); this keeps their input valid for server-side callers.
import { APIError } from "better-auth/api";
import { isSingleLineText } from "@/lib/text-input";
import type { HookCtx } from "./auth-user";

export const DISPLAY_NAME_MAX = 120;
const PATHS = new Set(["/update-user", "/sign-up/email"]);

export function displayNameProblem(name: unknown): string | null {
  if (typeof name !== "string") return "Name must be text.";
  if (name.trim().length === 0) return "Name must not be empty.";
  if (name.length > DISPLAY_NAME_MAX) return `Name must be at most ${DISPLAY_NAME_MAX} characters.`;
  if (!isSingleLineText(name)) return "Name must not contain control characters.";
  return null;
}

export const userInputBefore = async (ctx: HookCtx) => {
  if (!PATHS.has(ctx.path)) return;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (!("name" in body)) return;
  const problem = displayNameProblem(body.name);
  if (problem) throw new APIError("BAD_REQUEST", { code: "invalid", message: problem });
};
