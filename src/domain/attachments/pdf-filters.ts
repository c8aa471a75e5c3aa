// The standard PDF stream filters (ISO 32000-1 §7.4), decoded so the active-content check reads what a
// viewer reads (S11; issue 9 item 10). Every decoder stops at a byte cap and throws on malformed input;
// the caller treats any throw as "cannot inspect" and refuses the file — never as "nothing active".
import { inflateSync } from "node:zlib";

export class PdfDecodeError extends Error {}

/** Full names and the abbreviations viewers also accept (§8.9.7, inline-image forms). */
const ALIASES: Record<string, string> = {
  AHx: "ASCIIHexDecode",
  A85: "ASCII85Decode",
  LZW: "LZWDecode",
  Fl: "FlateDecode",
  RL: "RunLengthDecode",
  CCF: "CCITTFaxDecode",
  DCT: "DCTDecode",
};
export const canonicalFilter = (name: string) => ALIASES[name] ?? name;

/** Image codecs: their output is pixels, never PDF objects. Opaque only inside image XObjects. */
export const IMAGE_FILTERS = new Set(["DCTDecode", "JPXDecode", "CCITTFaxDecode", "JBIG2Decode"]);

export type DecodeParms = { Predictor?: number; Colors?: number; BitsPerComponent?: number; Columns?: number; EarlyChange?: number };

const tooLarge = () => new PdfDecodeError("a stream decodes past the inspection limit");

function asciiHex(data: Buffer): Buffer {
  const text = data.toString("latin1");
  const end = text.indexOf(">");
  const hex = (end < 0 ? text : text.slice(0, end)).replace(/[\0\t\n\f\r ]/g, "");
  if (/[^0-9a-fA-F]/.test(hex)) throw new PdfDecodeError("bad ASCIIHex data");
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
}

function ascii85(data: Buffer, cap: number): Buffer {
  let text = data.toString("latin1").replace(/[\0\t\n\f\r ]/g, "");
  if (text.startsWith("<~")) text = text.slice(2);
  const end = text.indexOf("~>");
  if (end >= 0) text = text.slice(0, end);
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (group[i] ?? 84);
    if (v > 0xffffffff) throw new PdfDecodeError("bad ASCII85 group");
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    out.push(...bytes.slice(0, n));
    if (out.length > cap) throw tooLarge();
    group = [];
  };
  for (const ch of text) {
    if (ch === "z" && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) throw new PdfDecodeError("bad ASCII85 character");
    group.push(c);
    if (group.length === 5) flush(4);
  }
  if (group.length === 1) throw new PdfDecodeError("bad ASCII85 end");
  if (group.length > 0) flush(group.length - 1);
  return Buffer.from(out);
}

function lzw(data: Buffer, cap: number, earlyChange: number): Buffer {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = () => {
    dict = Array.from({ length: 258 }, (_, i) => (i < 256 ? [i] : []));
  };
  reset();
  let bitPos = 0;
  let width = 9;
  let prev: number[] | null = null;
  const totalBits = data.length * 8;
  while (bitPos + width <= totalBits) {
    let code = 0;
    for (let i = 0; i < width; i++, bitPos++) code = (code << 1) | ((data[bitPos >> 3]! >> (7 - (bitPos & 7))) & 1);
    if (code === 256) {
      reset();
      width = 9;
      prev = null;
      continue;
    }
    if (code === 257) break;
    let entry: number[];
    if (code < dict.length && dict[code]!.length > 0) entry = dict[code]!;
    else if (code === dict.length && prev) entry = [...prev, prev[0]!];
    else throw new PdfDecodeError("bad LZW code");
    for (const b of entry) out.push(b);
    if (out.length > cap) throw tooLarge();
    if (prev) dict.push([...prev, entry[0]!]);
    prev = entry;
    if (dict.length + earlyChange >= 1 << width && width < 12) width++;
  }
  return Buffer.from(out);
}

function runLength(data: Buffer, cap: number): Buffer {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      if (i + n + 1 > data.length) throw new PdfDecodeError("bad RunLength data");
      for (let k = 0; k <= n; k++) out.push(data[i + k]!);
      i += n + 1;
    } else {
      if (i >= data.length) throw new PdfDecodeError("bad RunLength data");
      for (let k = 0; k < 257 - n; k++) out.push(data[i]!);
      i += 1;
    }
    if (out.length > cap) throw tooLarge();
  }
  return Buffer.from(out);
}

function flate(data: Buffer, cap: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: cap });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new PdfDecodeError("bad Flate data");
  }
}

/** Undoes PNG (10–15) and TIFF (2, 8-bit) predictors of Flate/LZW (§7.4.4.4). */
function unpredict(data: Buffer, p: DecodeParms): Buffer {
  const predictor = p.Predictor ?? 1;
  if (predictor === 1) return data;
  const colors = p.Colors ?? 1;
  const bpc = p.BitsPerComponent ?? 8;
  const columns = p.Columns ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new PdfDecodeError("unsupported TIFF predictor");
    const out = Buffer.from(data);
    for (let i = 0; i < out.length; i++) if (i % rowLen >= bpp) out[i] = (out[i]! + out[i - bpp]!) & 0xff;
    return out;
  }
  if (predictor < 10 || predictor > 15) throw new PdfDecodeError("unknown predictor");
  const out = Buffer.alloc(Math.floor(data.length / (rowLen + 1)) * rowLen);
  let prev = Buffer.alloc(rowLen);
  for (let r = 0, at = 0; at + rowLen + 1 <= data.length; r++, at += rowLen + 1) {
    const type = data[at]!;
    const row = Buffer.from(data.subarray(at + 1, at + 1 + rowLen));
    for (let i = 0; i < rowLen; i++) {
      const left = i >= bpp ? row[i - bpp]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bpp ? prev[i - bpp]! : 0;
      let add = 0;
      if (type === 1) add = left;
      else if (type === 2) add = up;
      else if (type === 3) add = (left + up) >> 1;
      else if (type === 4) {
        const pa = Math.abs(up - upLeft),
          pb = Math.abs(left - upLeft),
          pc = Math.abs(left + up - 2 * upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (type !== 0) throw new PdfDecodeError("bad PNG predictor row");
      row[i] = (row[i]! + add) & 0xff;
    }
    row.copy(out, r * rowLen);
    prev = row;
  }
  return out;
}

/**
 * Applies one non-image filter. Throws PdfDecodeError for an unknown, encrypted (/Crypt) or image filter:
 * the caller decides where image codecs are acceptable.
 */
export function decodeFilter(name: string, data: Buffer, parms: DecodeParms, cap: number): Buffer {
  switch (canonicalFilter(name)) {
    case "ASCIIHexDecode":
      return asciiHex(data);
    case "ASCII85Decode":
      return ascii85(data, cap);
    case "RunLengthDecode":
      return runLength(data, cap);
    case "FlateDecode":
      return unpredict(flate(data, cap), parms);
    case "LZWDecode":
      return unpredict(lzw(data, cap, parms.EarlyChange ?? 1), parms);
    default:
      throw new PdfDecodeError(`a stream with the ${name} filter cannot be inspected`);
  }
}
