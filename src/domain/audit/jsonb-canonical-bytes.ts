// jsonb text (as PostgreSQL's COPY writes it) to canonical JSON, on bytes (S12, issue 15): what
// jsonb-canonical.ts's Scan and canonicalJson do with the text, for text without escapes and with ASCII keys
// (so byte order is canonicalJson's code-unit order), written into the caller's buffer without allocating.
// Anything else is -1: the caller takes the string path. chain-batch.ts writes an event's `data` with it;
// chain-batch.test.ts holds the two paths together.

export const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
export const SPACE = 32;
const MINUS = 45;
export const ZERO = 48;
export const NINE = 57;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const NULL = ascii("null");
const TRUE = ascii("true");
const FALSE = ascii("false");

export class JsonbCanonicalWriter {
  private out: Buffer = Buffer.alloc(0);
  private scratch = Buffer.allocUnsafe(1 << 16);
  /** Object entries being written, four numbers each: key start, key end (input), entry start, end (output). */
  private entries = new Int32Array(256);
  private entryTop = 0;
  private order = new Int32Array(64);
  /** Input position of the scan, and where the value ends. */
  private at = 0;
  private end = 0;

  /**
   * Writes the jsonb text buf[start, end) as canonical JSON into `out` from `o`; the new end, or -1 when the
   * text is not for this path (or is not exactly one value). `out` must hold the text plus a few bytes.
   */
  write(buf: Buffer, start: number, end: number, out: Buffer, o: number): number {
    if (this.scratch.length < end - start + 512) this.scratch = Buffer.allocUnsafe((end - start + 512) * 2);
    this.out = out;
    this.at = start;
    this.end = end;
    this.entryTop = 0;
    const written = this.value(buf, o);
    return written < 0 || this.at !== end ? -1 : written;
  }

  private value(buf: Buffer, o: number): number {
    const c = buf[this.at];
    if (c === 123) return this.object(buf, o); // {
    if (c === 91) return this.array(buf, o); // [
    if (c === QUOTE) {
      // A string without escapes on this path: it ends at the next quote.
      const s = this.at;
      const end = this.end;
      let e = s + 1;
      while (e < end && buf[e]! > 31 && buf[e] !== QUOTE) e++;
      if (e >= end || buf[e] !== QUOTE) return -1; // unterminated, or a control character (jsonb escapes them)
      this.at = e + 1;
      return copy(buf, s, e + 1, this.out, o);
    }
    if (c === MINUS || (c !== undefined && c >= ZERO && c <= NINE)) return this.integer(buf, o);
    const word = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : null; // t f n
    if (word === null || !sameAs(buf, this.at, this.at + word.length, word)) return -1;
    this.at += word.length;
    return put(this.out, o, word);
  }

  private object(buf: Buffer, o: number): number {
    const out = this.out;
    this.at++;
    out[o++] = 123;
    if (buf[this.at] === 125) {
      this.at++;
      out[o++] = 125;
      return o;
    }
    const base = this.entryTop;
    let sorted = true;
    for (let n = 0; ; n++) {
      // The key: ASCII without quotes or escapes inside.
      if (buf[this.at] !== QUOTE) return -1;
      const keyStart = this.at + 1;
      let k = keyStart;
      for (;;) {
        const b = buf[k];
        if (b === QUOTE) break;
        if (b === undefined || b > 127 || b < SPACE) return -1;
        k++;
      }
      const keyEnd = k;
      this.at = keyEnd + 1;
      if (buf[this.at] !== COLON || buf[this.at + 1] !== SPACE) return -1;
      this.at += 2;
      if (n > 0) out[o++] = COMMA;
      const entryStart = o;
      o = copy(buf, keyStart - 1, keyEnd + 1, out, o);
      out[o++] = COLON;
      if (this.entries.length < this.entryTop + 4) {
        const grown = new Int32Array(this.entries.length * 2);
        grown.set(this.entries);
        this.entries = grown;
      }
      const e = this.entries;
      const slot = this.entryTop;
      this.entryTop += 4;
      e[slot] = keyStart;
      e[slot + 1] = keyEnd;
      e[slot + 2] = entryStart;
      o = this.value(buf, o);
      if (o < 0) return -1;
      this.entries[slot + 3] = o;
      if (n > 0 && compareBytes(buf, this.entries[slot - 4]!, this.entries[slot - 3]!, keyStart, keyEnd) > 0) sorted = false;
      const c = buf[this.at++];
      if (c === 125) break; // }
      if (c !== COMMA || buf[this.at++] !== SPACE) return -1;
    }
    if (!sorted) this.reorder(buf, base, o);
    this.entryTop = base;
    out[o++] = 125;
    return o;
  }

  /** Rewrites an object's entries (written in jsonb's order, comma-separated, up to `end`) in key order. */
  private reorder(buf: Buffer, base: number, end: number): void {
    const e = this.entries;
    const count = (this.entryTop - base) / 4;
    const from = e[base + 2]!;
    copy(this.out, from, end, this.scratch, 0);
    // Insertion sort of entry slots by key bytes (objects are small), in a reused array.
    if (this.order.length < count) this.order = new Int32Array(count * 2);
    const order = this.order;
    for (let i = 0; i < count; i++) {
      const slot = base + i * 4;
      let j = i;
      while (j > 0 && compareBytes(buf, e[order[j - 1]!]!, e[order[j - 1]! + 1]!, e[slot]!, e[slot + 1]!) > 0) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = slot;
    }
    let w = from;
    for (let i = 0; i < count; i++) {
      if (i > 0) this.out[w++] = COMMA;
      const slot = order[i]!;
      w = copy(this.scratch, e[slot + 2]! - from, e[slot + 3]! - from, this.out, w);
    }
  }

  private array(buf: Buffer, o: number): number {
    const out = this.out;
    this.at++;
    out[o++] = 91;
    if (buf[this.at] === 93) {
      this.at++;
      out[o++] = 93;
      return o;
    }
    for (let first = true; ; first = false) {
      if (!first) out[o++] = COMMA;
      o = this.value(buf, o);
      if (o < 0) return -1;
      const c = buf[this.at++];
      if (c === 93) {
        out[o++] = 93;
        return o;
      }
      if (c !== COMMA || buf[this.at++] !== SPACE) return -1;
    }
  }

  /** A plain integer of at most 15 digits (written back the same by JSON.parse and JSON.stringify). */
  private integer(buf: Buffer, o: number): number {
    const start = this.at;
    let i = start;
    if (buf[i] === MINUS) i++;
    const digitsFrom = i;
    for (;;) {
      const c = buf[i];
      if (c === undefined || c < ZERO || c > NINE) break;
      i++;
    }
    const count = i - digitsFrom;
    const next = buf[i];
    if (count === 0 || count > 15 || next === 46 || next === 101 || next === 69) return -1; // . e E
    if (buf[digitsFrom] === ZERO && (count > 1 || digitsFrom > start)) return -1; // 007, -0
    this.at = i;
    return copy(buf, start, i, this.out, o);
  }
}

export function put(out: Buffer, o: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[o++] = bytes[i]!;
  return o;
}
export function copy(from: Buffer, s: number, e: number, out: Buffer, o: number): number {
  // A loop: the columns are short, and Buffer.copy's checks cost more than copying them.
  for (let i = s; i < e; i++) out[o++] = from[i]!;
  return o;
}
export function sameAs(buf: Buffer, s: number, e: number, bytes: Uint8Array): boolean {
  if (e - s !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[s + i] !== bytes[i]) return false;
  return true;
}
export function compareBytes(buf: Buffer, s1: number, e1: number, s2: number, e2: number): number {
  const n = Math.min(e1 - s1, e2 - s2);
  for (let i = 0; i < n; i++) {
    const d = buf[s1 + i]! - buf[s2 + i]!;
    if (d !== 0) return d;
  }
  return e1 - s1 - (e2 - s2);
}
