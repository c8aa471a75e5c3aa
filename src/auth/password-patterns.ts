// Two patterns zxcvbn underrates because it prices a password as a product of its parts, and each extra
// part multiplies the guesses (issue 9 item 13: "P@ssw0rd2026!!", "Welcome2Acme!!" and
// "!QAZ@WSX#EDC$RFV" all scored 3 or 4). Cracking tools try both as one pattern: a known word with
// l33t spelling plus digits and symbols (hashcat rules), and keyboard walks with jumps (kwprocessor).
import { adjacencyGraphs } from "@zxcvbn-ts/language-common";

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

const isLetter = (c: string) => /\p{L}/u.test(c);
const stands = (c: string, letter: string) => c.toLowerCase() === letter || (L33T[c]?.includes(letter) ?? false);

function matchesAt(chars: readonly string[], at: number, word: readonly string[]): boolean {
  if (at + word.length > chars.length) return false;
  return word.every((letter, k) => stands(chars[at + k]!, letter));
}

/**
 * Reads the password as known words (each may be l33t-spelled) with digits and symbols between them:
 * returns those digits and symbols (the decoration), or null when a letter is not part of a known word.
 * Of the possible readings, the one that leaves the least decoration.
 */
export function decorationAroundWords(password: string, words: readonly string[]): string | null {
  const chars = [...password];
  const known = words.map((w) => [...w]);
  // best[i]: the least decoration that reads the first i characters, or undefined when none does.
  const best: (string | undefined)[] = [""];
  let found = false;
  for (let i = 0; i < chars.length; i++) {
    const sofar = best[i];
    if (sofar === undefined) continue;
    const keep = (j: number, decoration: string) => {
      if (best[j] === undefined || decoration.length < best[j]!.length) best[j] = decoration;
    };
    if (!isLetter(chars[i]!)) keep(i + 1, sofar + chars[i]);
    for (const word of known) {
      if (matchesAt(chars, i, word)) {
        keep(i + word.length, sofar);
        found = true;
      }
    }
  }
  return found ? (best[chars.length] ?? null) : null;
}

type Graph = Record<string, (string | null)[]>;

/** Per keyboard layout: the unshifted key of each character, and which keys are neighbours. */
function layout(graph: Graph) {
  const unshift = new Map<string, string>();
  for (const entries of Object.values(graph)) {
    for (const key of entries) if (key) for (const c of key) unshift.set(c, key[0]!);
  }
  const neighbours = (a: string, b: string) => (graph[a] ?? []).some((key) => key?.[0] === b);
  return { unshift, neighbours };
}

const LAYOUTS = Object.values(adjacencyGraphs as unknown as Record<string, Graph>).map(layout);
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
