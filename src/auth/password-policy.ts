// Password policy (S3): at least 12 characters, not a common or trivially patterned password, and not
// built from the account's e-mail address.
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function passwordProblem(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  // Strip digits and symbols around a word: "Password123!" is still "password".
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core)) return "This password is too common.";
  if (/^(.)\1+$/.test(lower) || /^(.{1,4})\1{2,}$/.test(lower)) return "Avoid repeated patterns.";
  if ("0123456789abcdefghijklmnopqrstuvwxyz".includes(lower) || "qwertyuiopasdfghjklzxcvbnm".includes(lower)) return "Avoid keyboard or alphabet sequences.";
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && lower.includes(local)) return "Do not use your e-mail address in your password.";
  return null;
}
