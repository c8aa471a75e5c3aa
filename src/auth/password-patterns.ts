// What zxcvbn underrates because it prices a password as a product of its parts, and each extra part
// multiplies the guesses (issue 9 item 13: "P@ssw0rd2026!!", "Welcome2Acme!!", "Acme!2026!Q1",
// "Summer2O26Summer" and "!QAZ@WSX#EDC$RFV" all scored 3 or 4). Cracking tools try these as one pattern:
// known words with l33t spelling, dates, quarters, repeats, sequences and keyboard walks glued together
// with digits and symbols (hashcat rules, kwprocessor). predictableParts() reads a password as such
// parts plus a rest and prices that reading as an attacker with those rules would pay for it
// (password-policy.ts decides what is enough).
import { adjacencyGraphs } from "@zxcvbn-ts/language-common";
import { type KnownWord, PERIODS, type WordKind } from "./password-context";

/** Digits and symbols read as letters (hashcat's l33t rules); letters compare case-insensitively. */
const L33T: Readonly<Record<string, string>> = {
  "4": "a",
  "@": "a",
  "8": "b",
  "(": "c",
  "{": "c",
  "[": "c",
  "<": "c",
  "3": "e",
  "6": "g",
  "9": "g",
  "1": "il",
  "!": "i",
  "|": "il",
  "0": "o",
  $: "s",
  "5": "s",
  "+": "t",
  "7": "tl",
  "%": "x",
  "2": "z",
};

const stands = (c: string, letter: string) => c.toLowerCase() === letter || (L33T[c]?.includes(letter) ?? false);

/** Letters and symbols read as digits, the other way round: "2O26" for 2026, "2O2S" for 2025. */
const LOOKS_LIKE_DIGIT: Readonly<Record<string, string>> = {
  "0": "oOD",
  "1": "iIlL|!",
  "2": "zZ",
  "3": "eE",
  "4": "aA@",
  "5": "sS$",
  "6": "bG",
  "7": "tT",
  "8": "B",
  "9": "gq",
};

/** Does password character `c` stand for `target` (a lower-case letter or a digit) in a cracker's rules? */
function standsFor(c: string, target: string): boolean {
  if (c.toLowerCase() === target) return true;
  return /\d/.test(target) ? (LOOKS_LIKE_DIGIT[target]?.includes(c) ?? false) : stands(c, target);
}

function matchesAt(chars: readonly string[], at: number, word: readonly string[], exact = false): boolean {
  if (at + word.length > chars.length) return false;
  return word.every((t, k) => (exact ? chars[at + k]!.toLowerCase() === t : standsFor(chars[at + k]!, t)));
}

/** Two characters a cracker's rules treat as the same ("S" and "$", "0" and "o"). */
function alike(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || stands(a, y) || stands(b, x);
}

type Graph = Record<string, (string | null)[]>;

/** Per keyboard layout: the unshifted key of each character, and in which direction a key's neighbour lies. */
function layout(graph: Graph) {
  const unshift = new Map<string, string>();
  for (const entries of Object.values(graph)) {
    for (const key of entries) if (key) for (const c of key) unshift.set(c, key[0]!);
  }
  /** The direction from key a to key b (an index into a's neighbours), or -1 when they do not touch. */
  const direction = (a: string, b: string) => (graph[a] ?? []).findIndex((key) => key?.[0] === b);
  const neighbours = (a: string, b: string) => direction(a, b) >= 0;
  return { unshift, neighbours, direction };
}

const GRAPHS = adjacencyGraphs as unknown as Record<string, Graph>;
const LAYOUTS = Object.values(GRAPHS).map(layout);
/**
 * Typing keyboards only, for taking runs out as parts: on a numeric keypad nearly every digit touches
 * every other, so "2026" would be a keypad run before it is a year.
 */
const TYPING_LAYOUTS = Object.entries(GRAPHS)
  .filter(([name]) => !name.startsWith("keypad"))
  .map(([, graph]) => layout(graph));
const RUN_MIN = 3;

/**
 * The share of the password typed as keyboard runs (3+ neighbouring keys, Shift ignored) on the layout
 * where that share is largest: "1qaz2wsx3edc4rfv" and "!QAZ@WSX#EDC$RFV" are 1.0.
 */
export function keyboardWalkShare(password: string): number {
  if (!password) return 0;
  let best = 0;
  for (const { unshift, neighbours } of LAYOUTS) {
    const keys = [...password].map((c) => unshift.get(c) ?? c.toLowerCase());
    let covered = 0;
    let run = 1;
    for (let i = 1; i <= keys.length; i++) {
      if (i < keys.length && neighbours(keys[i - 1]!, keys[i]!)) {
        run++;
        continue;
      }
      if (run >= RUN_MIN) covered += run;
      run = 1;
    }
    best = Math.max(best, covered / keys.length);
  }
  return best;
}

/** What a predictable part of a password is, for the message that explains a refusal. */
export type PartKind = WordKind | "year" | "period" | "repeat" | "run" | "sequence" | "keyboard";

/** The password with its predictable parts taken out, and what they were. */
export interface Reading {
  residue: string;
  /** The kinds of part, in order of appearance, each once (for the message). */
  parts: PartKind[];
  /**
   * What guessing the parts costs an attacker who tries exactly these rules (log10): per part, the
   * number of choices of its kind — which of the account's words, which of the years, which quarter,
   * which keyboard walk — summed over the parts. Without it a random string that happens to hold
   * "jul" and "30" would be judged by what is left of it alone.
   */
  partsGuessesLog10: number;
}

// The shortest parts taken out by shape. Shorter ones turn up by chance in random strings too often
// ("uiu7", "xyz") and zxcvbn prices them well enough.
const KEYBOARD_PART_MIN = 5;
const REPEAT_MIN = 3;
const SEQUENCE_MIN = 4;
/** Words this short are only taken out as written: "ju1" is not "jul". */
const LEET_WORD_MIN = 4;
/** What one character of the rest is worth (log10), as zxcvbn's brute force prices it. */
const PER_CHARACTER_LOG10 = 1;
/** Keys to start a walk on, and neighbours per key (zxcvbn's averages for qwerty). */
const WALK_STARTS = 47;
const WALK_DEGREE = 5;

/** A part: where it ends, what it is, and how many guesses (log10) its kind leaves an attacker. */
type Span = { end: number; kind: PartKind; cost: number };
/** Parts found by shape rather than by meaning. */
const GENERIC: ReadonlySet<PartKind> = new Set(["repeat", "run", "sequence", "keyboard"]);

type WordList = { letters: string[]; kind: WordKind; cost: number }[];

/** Every predictable part that starts at `i`. */
function partsAt(chars: readonly string[], i: number, words: WordList, years: readonly string[][]): Span[] {
  const spans: Span[] = [];
  const n = chars.length;
  for (const w of words) {
    if (matchesAt(chars, i, w.letters, w.letters.length < LEET_WORD_MIN)) spans.push({ end: i + w.letters.length, kind: w.kind, cost: w.cost });
  }
  const yearCost = Math.log10(years.length);
  for (const y of years) {
    // Letters may stand for some of a year's digits ("2O26"), not for most of them ("ZoZa" is no year).
    const digits = chars.slice(i, i + y.length).filter((c) => /\d/.test(c)).length;
    if (digits >= y.length / 2 && matchesAt(chars, i, y, y.length < 4)) spans.push({ end: i + y.length, kind: "year", cost: yearCost });
  }
  for (const p of PERIODS) if (matchesAt(chars, i, [...p], true)) spans.push({ end: i + p.length, kind: "period", cost: Math.log10(PERIODS.length) });
  // A repeat of anything that came before ("Globex2026!Gl0bex": the second Globex): "the same again".
  for (let len = REPEAT_MIN; i + len <= n; len++) {
    let found = false;
    for (let k = 0; k + len <= i && !found; k++) {
      let same = true;
      for (let m = 0; m < len && same; m++) same = alike(chars[i + m]!, chars[k + m]!);
      found = same;
    }
    if (!found) break;
    spans.push({ end: i + len, kind: "repeat", cost: Math.log10(2) });
  }
  // One character over and over ("!!!"): which character, how many times.
  let same = i + 1;
  while (same < n && chars[same]!.toLowerCase() === chars[i]!.toLowerCase()) same++;
  for (let end = i + REPEAT_MIN; end <= same; end++) spans.push({ end, kind: "run", cost: Math.log10(50 * (end - i)) });
  // Ascending or descending ("12345678", "dcba"): start, direction, length.
  const code = (k: number) => chars[k]!.toLowerCase().codePointAt(0)!;
  const plain = (k: number) => /[a-z0-9]/.test(chars[k]!.toLowerCase());
  if (i + 1 < n && plain(i) && plain(i + 1) && Math.abs(code(i + 1) - code(i)) === 1) {
    const step = code(i + 1) - code(i);
    let end = i + 2;
    while (end < n && plain(end) && code(end) - code(end - 1) === step) end++;
    const base = /\d/.test(chars[i]!) ? 10 : 26;
    for (let e = i + SEQUENCE_MIN; e <= end; e++) spans.push({ end: e, kind: "sequence", cost: Math.log10(base * 2 * (e - i)) });
  }
  // Neighbouring keys on a typing keyboard, Shift ignored ("asdfg", "1qaz2wsx"): start key, length,
  // and a choice of direction at the start and at every turn, as zxcvbn prices a walk.
  for (const { unshift, direction } of TYPING_LAYOUTS) {
    const key = (k: number) => unshift.get(chars[k]!) ?? chars[k]!.toLowerCase();
    let end = i + 1;
    let turns = 0;
    let heading = -1;
    while (end < n) {
      const d = direction(key(end - 1), key(end));
      if (d < 0) break;
      if (heading >= 0 && d !== heading) turns++;
      heading = d;
      end++;
      const length = end - i;
      if (length >= KEYBOARD_PART_MIN) {
        spans.push({ end, kind: "keyboard", cost: Math.log10(WALK_STARTS * length) + (turns + 1) * Math.log10(WALK_DEGREE) });
      }
    }
  }
  return spans;
}

/**
 * Reads the password as predictable parts — known words (l33t spelling allowed), years (letters for
 * digits allowed: "2O26"), quarters, repeats of an earlier part, runs of one character, sequences and
 * keyboard walks — with whatever else is left in between (the residue). Of all readings, the cheapest
 * for an attacker: each part costs the choices of its kind, each character left costs what brute
 * force pays for it. Between readings as cheap, the one that names the most specific parts ("2026" is
 * a year before it is a keyboard walk), so the message says what the person actually did.
 */
export function predictableParts(password: string, words: readonly KnownWord[], years: readonly string[]): Reading {
  const chars = [...password];
  const n = chars.length;
  const perKind = new Map<WordKind, number>();
  for (const w of words) perKind.set(w.kind, (perKind.get(w.kind) ?? 0) + 1);
  const known: WordList = words.map((w) => ({ letters: [...w.word], kind: w.kind, cost: Math.log10(perKind.get(w.kind)!) }));
  const yearChars = years.flatMap((y) => [[...y], [...y.slice(2)]]);
  type Step = { cost: number; generic: number; from: number; span: Span | null };
  const best: Array<Step | undefined> = [{ cost: 0, generic: 0, from: -1, span: null }];
  const offer = (j: number, step: Step) => {
    const current = best[j];
    const cheaper = !current || step.cost < current.cost - 1e-9 || (Math.abs(step.cost - current.cost) <= 1e-9 && step.generic < current.generic);
    if (cheaper) best[j] = step;
  };
  for (let i = 0; i < n; i++) {
    const here = best[i]!;
    offer(i + 1, { cost: here.cost + PER_CHARACTER_LOG10, generic: here.generic, from: i, span: null });
    for (const span of partsAt(chars, i, known, yearChars)) {
      offer(span.end, { cost: here.cost + span.cost, generic: here.generic + (GENERIC.has(span.kind) ? 1 : 0), from: i, span });
    }
  }
  const residue: string[] = [];
  const found: Span[] = [];
  for (let j = n; j > 0; ) {
    const step = best[j]!;
    if (step.span === null) residue.unshift(chars[step.from]!);
    else found.unshift(step.span);
    j = step.from;
  }
  return {
    residue: residue.join(""),
    parts: [...new Set(found.map((s) => s.kind))],
    partsGuessesLog10: found.reduce((sum, s) => sum + s.cost, 0),
  };
}
