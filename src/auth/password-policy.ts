// Password policy (S3, issue 9 item 13): 12 to 128 characters, and a real strength estimate — zxcvbn-ts
// with its common dictionaries, English words and names, keyboard graphs, and the breached-password
// list that ships in @zxcvbn-ts/language-common (nothing fetched at run time). A score of at least 3
// ("safely unguessable: moderate protection from offline slow-hash scenario") is required; the user's
// e-mail address and name count as known words, so "dana.rivers-2026" is weak for Dana Rivers.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** The words of the user's e-mail and name, as zxcvbn user inputs. */
function userInputs(email?: string | null, name?: string | null): string[] {
  const parts = [email ?? "", email?.split("@")[0] ?? "", name ?? ""];
  for (const p of [...parts]) parts.push(...p.split(/[^\p{L}\p{N}]+/u));
  return [...new Set(parts.map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 3))];
}

export function passwordProblem(password: string, email?: string | null, name?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // The estimator discounts user inputs but may still score a long mix of them as strong.
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) return "Do not use your e-mail address in your password.";
  const result = zxcvbn().check(password, userInputs(email, name));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const hint = result.feedback.warning || result.feedback.suggestions[0] || "Add more words or characters that are hard to guess.";
  return `This password is too easy to guess. ${hint}`.trim();
}
