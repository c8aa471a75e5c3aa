// canonicalJson(JSON.parse(text)) for the text PostgreSQL writes for a jsonb value, without building the
// value (issue 15: parsing and re-encoding every event's data was a third of the verifier's time).
//
// jsonb's text form differs from the canonical encoding only in layout: keys ordered by length then bytes
// instead of bytes, ", " and ": " between items, and numbers as numeric text. Strings are escaped exactly as
// JSON.stringify escapes them (\" \\ \b \f \n \r \t, \u00xx for the other control characters; everything
// else as is), so they are copied as they are. The scan accepts only that form: a number that is not a plain
// integer of at most 15 digits (which JSON.parse and JSON.stringify keep as written), a key with an escape,
// any other escape or layout — and it returns null: the caller then takes the slow, defining path.
// jsonb-canonical.test.ts checks it against that path on random values.

/** The canonical JSON of jsonb text, or null when this text needs the defining path (JSON.parse, canonicalJson). */
export function canonicalFromJsonbText(text: string): string | null {
  const scan = new Scan(text);
  const out = scan.value();
  return out !== null && scan.at === text.length ? out : null;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const SPACE = 32;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

class Scan {
  at = 0;
  constructor(private readonly text: string) {}

  value(): string | null {
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_BRACE) return this.object();
    if (c === OPEN_BRACKET) return this.array();
    if (c === QUOTE) return this.string(false);
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.integer();
    const word = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : null; // t f n
    if (word === null || !this.text.startsWith(word, this.at)) return null;
    this.at += word.length;
    return word;
  }

  /** `{"k": v, ...}` → `{"k":v,...}` with keys in code-unit order. */
  private object(): string | null {
    this.at++;
    if (this.text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at++;
      return "{}";
    }
    const keys: string[] = [];
    const values: string[] = [];
    for (;;) {
      const key = this.string(true);
      if (key === null || !this.expect(COLON)) return null;
      const v = this.value();
      if (v === null) return null;
      // Insertion in code-unit order (objects are small); keys are unescaped text here, so their
      // JavaScript order is canonicalJson's.
      let i = keys.length;
      while (i > 0 && keys[i - 1]! > key) i--;
      keys.splice(i, 0, key);
      values.splice(i, 0, v);
      const c = this.text.charCodeAt(this.at++);
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA || this.text.charCodeAt(this.at++) !== SPACE) return null;
    }
    let out = "{";
    for (let i = 0; i < keys.length; i++) out += `${i ? "," : ""}"${keys[i]}":${values[i]}`;
    return `${out}}`;
  }

  private array(): string | null {
    this.at++;
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at++;
      return "[]";
    }
    let out = "[";
    for (let first = true; ; first = false) {
      const v = this.value();
      if (v === null) return null;
      out += (first ? "" : ",") + v;
      const c = this.text.charCodeAt(this.at++);
      if (c === CLOSE_BRACKET) return `${out}]`;
      if (c !== COMMA || this.text.charCodeAt(this.at++) !== SPACE) return null;
    }
  }

  /** `": "` after a key. */
  private expect(c: number): boolean {
    if (this.text.charCodeAt(this.at) !== c || this.text.charCodeAt(this.at + 1) !== SPACE) return false;
    this.at += 2;
    return true;
  }

  /**
   * A string with its quotes, as is (values), or its text without quotes (keys, which must have no escape).
   * Escapes other than those JSON.stringify writes mean the defining path.
   */
  private string(key: boolean): string | null {
    const start = this.at;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === QUOTE) {
        this.at = i + 1;
        return key ? this.text.slice(start + 1, i) : this.text.slice(start, i + 1);
      }
      if (c < 0x20) return null;
      if (c === BACKSLASH) {
        if (key) return null;
        const e = this.text[i + 1];
        if (e === "u") {
          // Only \u00xx for a control character, as JSON.stringify writes it (lower-case hex).
          const hex = this.text.slice(i + 2, i + 6);
          if (!/^00[01][0-9a-f]$/.test(hex) || ["0008", "0009", "000a", "000c", "000d"].includes(hex)) return null;
          i += 5;
        } else if (e === '"' || e === "\\" || e === "b" || e === "f" || e === "n" || e === "r" || e === "t") {
          i += 1;
        } else {
          return null;
        }
      }
    }
    return null;
  }

  /** A plain integer of at most 15 digits (exact in a double, written back the same); anything else: null. */
  private integer(): string | null {
    const start = this.at;
    let i = start;
    if (this.text.charCodeAt(i) === MINUS) i++;
    const digitsFrom = i;
    while (i < this.text.length) {
      const c = this.text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      i++;
    }
    const digits = i - digitsFrom;
    const next = this.text.charCodeAt(i);
    if (digits === 0 || digits > 15 || next === 46 /* . */ || next === 101 /* e */ || next === 69 /* E */) return null;
    if (this.text.charCodeAt(digitsFrom) === ZERO && (digits > 1 || digitsFrom > start)) return null; // 007, -0
    this.at = i;
    return this.text.slice(start, i);
  }
}
