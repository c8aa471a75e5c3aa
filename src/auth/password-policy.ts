// Password policy (S3, issue 9 item 13): 12 to 128 characters, and a real strength estimate — zxcvbn-ts
// with its common dictionaries (the breached-password list and the diceware words ship in
// @zxcvbn-ts/language-common; nothing fetched at run time), English words and names, keyboard graphs.
// On top of zxcvbn, for what it prices too high (two review passes got "P@ssw0rd2026!!",
// "Welcome2Acme!!", "Summer2026!Summer", "!QAZ@WSX#EDC$RFV", "Acme!2026!Q1", "AcmeCorp12345678",
// "Summer2O26Summer", fullwidth "Ａｃｍｅ２０２６！！Ｑ１", "iloveacme2026!!" and "Sommer2026!" accepted):
// 1. the password is judged as the characters a cracker would try for it (password-normalise.ts:
//    compatibility forms, accents, invisible characters, lookalike letters of other scripts);
// 2. its predictable parts are taken out (password-patterns.ts): the account's context (name, e-mail,
//    organization, "Helpdesk"), seasons and months in nine languages, common base words, years within
//    five of today (l33t allowed: "2O26"), quarters, repeats, sequences and keyboard runs. When it has
//    such parts, guessing it that way — each part among the few choices of its kind, times what is
//    left as zxcvbn prices it — must take 10^10 guesses, and what is left 10^8 on its own, whatever
//    name it is built around: that also covers other organizations' names (password-context.ts says
//    why they are not listed);
// 3. a keyboard walk with jumps ("1qaz2wsx3edc…", with or without Shift) is refused;
// 4. the whole must reach zxcvbn's top score (4: at least 10^10 guesses) below 20 characters, 3 (10^8)
//    from 20 on: a short password has less room for structure zxcvbn does not know.
// Each refusal says why, so the person choosing can fix it.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { contextWords, contextYears, knownWords, type PasswordContext } from "./password-context";
import { canonicalPassword } from "./password-normalise";
import { keyboardWalkShare, type PartKind, predictableParts } from "./password-patterns";

export type { PasswordContext } from "./password-context";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** Below this length the top score is required. */
export const PASSWORD_SHORT_BELOW = 20;
export const PASSWORD_MIN_SCORE_SHORT = 4;
export const PASSWORD_MIN_SCORE = 3;
/** A password read as predictable parts plus a rest must be worth this many guesses (log10) that way... */
export const PREDICTABLE_MIN_GUESSES_LOG10 = 10;
/**
 * ...and the letters and digits of the rest this many on their own: one name with symbols around the
 * dates ("Initech!2026!Q2", a 7-letter unknown word: 10^7 to brute force) is a wordlist entry with a
 * rule, whatever the wordlist — another tenant's name, a brand, a city — while a random string with a
 * quarter and a year in it keeps eight or more random characters. Symbols are the rules' decorations:
 * they do not count here.
 */
export const RESIDUE_MIN_GUESSES_LOG10 = 7.5;
/** A password typed this much as keyboard runs is a walk, whatever zxcvbn scores it. */
const WALK_SHARE_MAX = 0.75;

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // Its l33t matcher enumerates substitutions: 128 characters of "4@8({[<3691!|0$5+7%2" took 5 s of
    // CPU at the default (100) before the throttle. Our own reading does l33t for the words that matter
    // (password-patterns.ts); 20 keeps zxcvbn's for the rest (measured: same scores, under 1 s worst case).
    l33tMaxSubstitutions: 20,
    // The estimate reads the first 64 characters; past that a password that scored 4 is strong anyway.
    maxLength: 64,
  });
  return estimator;
}

function tooEasy(hint: string): string {
  return `This password is too easy to guess. ${hint}`.trim();
}

const SHAPES: ReadonlySet<PartKind> = new Set(["repeat", "run", "sequence", "keyboard"]);

const PART_NAMES: Record<PartKind, string> = {
  personal: "your name or e-mail address",
  organization: "your organization's name",
  app: "this app's name",
  season: "a season or month",
  common: "a common password word",
  year: "a year",
  period: "a quarter",
  repeat: "a repeated part",
  run: "a run of one character",
  sequence: "a sequence such as 1234 or abcd",
  keyboard: "a keyboard pattern such as qwerty",
};

/** "a, b and c" */
function list(items: string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Why the password is refused, for the person choosing it; null when it is accepted. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const canonical = canonicalPassword(password);
  const length = [...canonical].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  // The reading below grows much faster than the length, and one character can stand for many: 128 of
  // U+FDFA are 2,304 letters once spelled out, and judging them took 15–55 s of CPU on the one event
  // loop, per request of any signed-in user (attack pass C3). So the bound holds for the spelled-out form.
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters (some characters count as the several letters they stand for).`;
  // The estimator discounts user inputs but may still score a long mix of them as strong.
  const local = canonicalPassword(context.email?.split("@")[0] ?? "").toLowerCase();
  if (local.length >= 3 && canonical.toLowerCase().includes(local)) return "Do not use your e-mail address in your password.";
  const years = contextYears();
  const reading = predictableParts(canonical, knownWords(context), years);
  // An attacker with these rules guesses the parts (among few choices each) and the rest (like any password).
  const residueGuessesLog10 = zxcvbn().check(reading.residue, years).guessesLog10;
  // The rest's letters and digits alone, when the parts are things people write (names, dates, quarters),
  // not shapes a random string falls into by chance.
  const core = reading.residue.replace(/[^\p{L}\p{N}]/gu, "");
  const meaningful = reading.parts.some((p) => !SHAPES.has(p));
  const weakReading =
    reading.partsGuessesLog10 + residueGuessesLog10 < PREDICTABLE_MIN_GUESSES_LOG10 ||
    (meaningful && zxcvbn().check(core, years).guessesLog10 < RESIDUE_MIN_GUESSES_LOG10);
  if (reading.parts.length > 0 && weakReading) {
    const made = list(reading.parts.map((p) => PART_NAMES[p]));
    const rest = reading.residue ? " with little else" : "";
    return tooEasy(`It is built from ${made}${rest}: attackers try those first. Add words that have nothing to do with you, us or the date.`);
  }
  if (keyboardWalkShare(canonical) >= WALK_SHARE_MAX) return tooEasy("Keyboard patterns such as 1qaz2wsx are among the first guesses.");
  const result = zxcvbn().check(canonical, [...contextWords(context), ...years]);
  const minScore = length < PASSWORD_SHORT_BELOW ? PASSWORD_MIN_SCORE_SHORT : PASSWORD_MIN_SCORE;
  if (result.score >= minScore) return null;
  return tooEasy(result.feedback.warning || result.feedback.suggestions[0] || "Add more words or characters that are hard to guess.");
}
