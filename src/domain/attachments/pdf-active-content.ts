// Does a PDF carry active content (S11; issue 9 item 10)? Helpdesk attachments are screenshots, invoices
// and logs; a PDF viewer outside the browser does not get our sandbox CSP, so PDFs that run code, launch
// programs, carry files or are encrypted are refused. The check reads what a viewer reads:
// - the whole file, incremental updates included, with hex-escaped names decoded (/Java#53cript);
// - every stream decoded through its whole filter chain (pdf-filters.ts), so object streams (/ObjStm)
//   hiding an /OpenAction in /ASCIIHexDecode, /A85, /LZW, /RL or Flate are read too;
// - image codecs (DCT, JPX, CCITT, JBIG2) are opaque only in image XObjects; anywhere else they are refused;
// - a stream that does not decode, uses an unknown or encrypting filter, or decodes past the cap is a
//   REFUSAL ("cannot be inspected"), never "nothing active".
import { canonicalFilter, decodeFilter, IMAGE_FILTERS, PdfDecodeError, type DecodeParms } from "./pdf-filters";

/** Decoded bytes one file may expand to; a bomb past this is refused, not skipped. */
export const PDF_MAX_DECODED_BYTES = 64 * 1024 * 1024;
const MAX_NESTING = 3;

// Keys and action types that run code, launch programs, carry files, submit data or open on events.
// GoToR and Thread open another (possibly remote) file when the action runs.
const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE|GoToR|Thread|Encrypt|AA)(?![A-Za-z0-9])/;
// Relative links only when they stay relative: a UNC path (\\host\share) or a scheme-relative //host makes
// the viewer reach another machine (and leak Windows credentials to it).
const SAFE_URI = /^(?:https?:|mailto:|(?![\\/]{2})[^:]*$)/i;
const SCRIPT_URI = /(?:java|vb)script:/i;

const decodeNames = (s: string) => s.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

type PdfValue = string | number | { name: string } | { str: string } | PdfValue[] | Map<string, PdfValue> | { keyword: string };
type Found = { stream: Map<string, PdfValue>; data: Buffer };

const DELIM = "()<>[]{}/%";
const WS = "\0\t\n\f\r ";

/** A small PDF lexer/parser: names, strings (escapes decoded), dicts, arrays and streams with their dicts. */
class PdfReader {
  private i = 0;
  readonly strings: { key: string | null; value: string }[] = [];
  readonly streams: Found[] = [];
  constructor(private readonly s: string) {}

  run(): void {
    while (this.i < this.s.length) {
      const v = this.value(null);
      if (v instanceof Map && this.peekKeyword() === "stream") this.readStream(v);
    }
  }

  private skipSpace() {
    for (;;) {
      while (this.i < this.s.length && WS.includes(this.s[this.i]!)) this.i++;
      if (this.s[this.i] !== "%") return;
      while (this.i < this.s.length && this.s[this.i] !== "\n" && this.s[this.i] !== "\r") this.i++;
    }
  }

  private peekKeyword(): string | null {
    this.skipSpace();
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i, this.i + 12));
    return m ? m[0] : null;
  }

  private readStream(dict: Map<string, PdfValue>) {
    this.i += "stream".length;
    if (this.s[this.i] === "\r") this.i++;
    if (this.s[this.i] === "\n") this.i++;
    const start = this.i;
    const length = dict.get("Length");
    let end = -1;
    // A direct /Length is used when "endstream" follows it; otherwise (indirect length) the keyword is searched.
    if (typeof length === "number" && length >= 0 && /^\s*endstream/.test(this.s.slice(start + length, start + length + 12))) end = start + length;
    if (end < 0) {
      end = this.s.indexOf("endstream", start);
      if (end < 0) throw new PdfDecodeError("a stream without its end");
    }
    this.streams.push({ stream: dict, data: Buffer.from(this.s.slice(start, end), "latin1") });
    this.i = end + "endstream".length;
  }

  private value(key: string | null): PdfValue | undefined {
    this.skipSpace();
    const c = this.s[this.i];
    if (c === undefined) return undefined;
    if (c === "<" && this.s[this.i + 1] === "<") return this.dict();
    if (c === "<") return this.hexString(key);
    if (c === "(") return this.literalString(key);
    if (c === "[") {
      this.i++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.i >= this.s.length) return arr;
        if (this.s[this.i] === "]") {
          this.i++;
          return arr;
        }
        const v = this.value(key);
        if (v !== undefined) arr.push(v);
      }
    }
    if (c === "/") return { name: this.name() };
    if (c === ">" || c === "]" || c === ")" || c === "{" || c === "}") {
      this.i++;
      return undefined;
    }
    let j = this.i;
    while (j < this.s.length && !WS.includes(this.s[j]!) && !DELIM.includes(this.s[j]!)) j++;
    const word = this.s.slice(this.i, Math.max(j, this.i + 1));
    this.i = Math.max(j, this.i + 1);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    return { keyword: word };
  }

  private name(): string {
    let j = this.i + 1;
    while (j < this.s.length && !WS.includes(this.s[j]!) && !DELIM.includes(this.s[j]!)) j++;
    const n = decodeNames(this.s.slice(this.i + 1, j));
    this.i = j;
    return n;
  }

  private dict(): Map<string, PdfValue> {
    this.i += 2;
    const map = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.i >= this.s.length) return map;
      if (this.s.startsWith(">>", this.i)) {
        this.i += 2;
        return map;
      }
      if (this.s[this.i] !== "/") {
        this.value(null); // not a key: skip it
        continue;
      }
      const key = this.name();
      let v = this.value(key);
      // An indirect reference "N G R" stays a reference, not a number.
      if (typeof v === "number" && /^\s+\d+\s+R(?![A-Za-z])/.test(this.s.slice(this.i, this.i + 24))) {
        this.i += /^\s+\d+\s+R/.exec(this.s.slice(this.i, this.i + 24))![0].length;
        v = { keyword: "ref" };
      }
      if (v !== undefined) map.set(key, v);
    }
  }

  private hexString(key: string | null): { str: string } {
    const end = this.s.indexOf(">", this.i);
    const hex = this.s.slice(this.i + 1, end < 0 ? this.s.length : end).replace(/[^0-9a-fA-F]/g, "");
    this.i = end < 0 ? this.s.length : end + 1;
    const str = Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex").toString("latin1");
    this.strings.push({ key, value: str });
    return { str };
  }

  private literalString(key: string | null): { str: string } {
    let depth = 0;
    let out = "";
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === "\\") {
        const n = this.s[++this.i] ?? "";
        const oct = /^[0-7]{1,3}/.exec(this.s.slice(this.i, this.i + 3));
        if (oct) {
          out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
          this.i += oct[0].length - 1;
        } else out += ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "\r": "", "\n": "" } as Record<string, string>)[n] ?? n;
        continue;
      }
      if (c === "(") depth++;
      if (c === ")" && depth-- === 0) {
        this.i++;
        break;
      }
      out += c;
    }
    this.strings.push({ key, value: out });
    return { str: out };
  }
}

const asNames = (v: PdfValue | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.flatMap(asNames) : typeof v === "object" && "name" in v ? [v.name] : ["<not a name>"];

function parmsAt(v: PdfValue | undefined, index: number): DecodeParms {
  const item = Array.isArray(v) ? v[index] : index === 0 ? v : undefined;
  if (!(item instanceof Map)) return {};
  const out: Record<string, number> = {};
  for (const [k, val] of item) if (typeof val === "number") out[k] = val;
  return out as DecodeParms;
}

const nameOf = (v: PdfValue | undefined) => (v && typeof v === "object" && "name" in v ? v.name : null);

/** null when nothing active was found; otherwise the reason the PDF is refused. */
export function pdfActiveContent(bytes: Buffer): string | null {
  const budget = { left: PDF_MAX_DECODED_BYTES };
  try {
    return inspect(bytes.toString("latin1"), budget, 0);
  } catch (e) {
    if (e instanceof PdfDecodeError) return `a PDF that cannot be inspected: ${e.message}`;
    throw e;
  }
}

function inspect(text: string, budget: { left: number }, depth: number): string | null {
  const direct = ACTIVE.exec(decodeNames(text));
  if (direct) return `PDF ${direct[1]}`;
  const reader = new PdfReader(text);
  reader.run();
  for (const { key, value } of reader.strings) {
    if (SCRIPT_URI.test(value.replace(/[\0-\x20]/g, ""))) return "PDF URI with a script scheme";
    if (key === "URI" && !SAFE_URI.test(value.trim())) return "PDF URI with a non-web scheme";
  }
  for (const { stream, data } of reader.streams) {
    // The stream's own dictionary is the attacker's: an object stream that also calls itself an image is
    // still read by a viewer as objects, so only a real image (not /ObjStm) is left unread.
    const isImage = nameOf(stream.get("Subtype")) === "Image" && nameOf(stream.get("Type")) !== "ObjStm";
    let decoded = data;
    const filters = asNames(stream.get("Filter") ?? stream.get("F"));
    let opaque = false;
    for (const [index, raw] of filters.entries()) {
      const filter = canonicalFilter(raw);
      if (IMAGE_FILTERS.has(filter)) {
        if (!isImage) throw new PdfDecodeError(`the image filter ${filter} outside an image`);
        opaque = true;
        break;
      }
      decoded = decodeFilter(filter, decoded, parmsAt(stream.get("DecodeParms") ?? stream.get("DP"), index), budget.left + 1);
      budget.left -= decoded.length;
      if (budget.left < 0) throw new PdfDecodeError("the PDF decodes past the inspection limit");
    }
    // Pixels are never read as PDF syntax; everything else (object streams above all) is inspected.
    if (opaque || isImage || filters.length === 0) continue;
    if (depth >= MAX_NESTING) throw new PdfDecodeError("streams nested too deeply");
    const found = inspect(decoded.toString("latin1"), budget, depth + 1);
    if (found) return found;
  }
  return null;
}
