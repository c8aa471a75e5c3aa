// Password policy (S3, issue 9 item 13): 12 to 128 characters, and a real strength estimate — zxcvbn-ts
// with its common dictionaries (the breached-password list and the diceware words ship in
// @zxcvbn-ts/language-common; nothing fetched at run time), English words and names, keyboard graphs.
// On top of zxcvbn, for what it prices too high (an outside review got "P@ssw0rd2026!!",
// "Welcome2Acme!!", "Summer2026!Summer" and "!QAZ@WSX#EDC$RFV" accepted):
// - the account's context (its name and e-mail, the organization's name and slug, "Helpdesk", the
//   years around today, seasons and months) is in zxcvbn's dictionary, and a password that is only
//   such words (l33t spelling allowed) plus weak digits and symbols is refused;
// - a keyboard walk with jumps ("1qaz2wsx3edc…", with or without Shift) is refused;
// - passwords under 16 characters need zxcvbn's top score (4: at least 10^10 guesses), longer ones 3
//   (10^8): a short password has less room for hidden structure zxcvbn does not know.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { contextWords, contextYears, type PasswordContext } from "./password-context";
import { decorationAroundWords, keyboardWalkShare } from "./password-patterns";

export type { PasswordContext } from "./password-context";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** Below this length the top score is required. */
export const PASSWORD_SHORT_BELOW = 16;
export const PASSWORD_MIN_SCORE_SHORT = 4;
export const PASSWORD_MIN_SCORE = 3;
/** The digits and symbols around known words must be worth this many guesses (log10) on their own. */
const DECORATION_MIN_GUESSES_LOG10 = 10;
/** A password typed this much as keyboard runs is a walk, whatever zxcvbn scores it. */
const WALK_SHARE_MAX = 0.75;

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

function tooEasy(hint: string): string {
  return `This password is too easy to guess. ${hint}`.trim();
}

/** Why the password is refused, for the person choosing it; null when it is accepted. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // The estimator discounts user inputs but may still score a long mix of them as strong.
  const local = context.email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) return "Do not use your e-mail address in your password.";
  const words = contextWords(context);
  const years = contextYears();
  const decoration = decorationAroundWords(password, words);
  if (decoration !== null && zxcvbn().check(decoration, years).guessesLog10 < DECORATION_MIN_GUESSES_LOG10) {
    return tooEasy("It is made of names, dates or common words we would expect for this account. Add words that have nothing to do with you or us.");
  }
  if (keyboardWalkShare(password) >= WALK_SHARE_MAX) return tooEasy("Keyboard patterns such as 1qaz2wsx are among the first guesses.");
  const result = zxcvbn().check(password, [...words, ...years]);
  const minScore = password.length < PASSWORD_SHORT_BELOW ? PASSWORD_MIN_SCORE_SHORT : PASSWORD_MIN_SCORE;
  if (result.score >= minScore) return null;
  return tooEasy(result.feedback.warning || result.feedback.suggestions[0] || "Add more words or characters that are hard to guess.");
}
