// What a file is, decided from its bytes AND its extension together (S11). The client's Content-Type is
// never read. Only JPEG, PNG, PDF and UTF-8 plain text pass; everything else (archives, executables, HTML,
// SVG, XML) and polyglots (an allowed type with another format hidden in or after it) are refused.
import { pdfActiveContent } from "./pdf-active-content";

export const ALLOWED_TYPES = ["image/jpeg", "image/png", "application/pdf", "text/plain"] as const;
export type TAllowedType = (typeof ALLOWED_TYPES)[number];

export const EXTENSIONS: Record<string, TAllowedType> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  pdf: "application/pdf",
  txt: "text/plain",
  log: "text/plain",
};

export type Detection = { ok: true; mimeType: TAllowedType } | { ok: false; reason: string; detected?: string };

const refuse = (reason: string, detected?: string): Detection => ({ ok: false, reason, detected });

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats we name in the error, so a user learns why (and a log shows what was tried). */
const KNOWN_REFUSED: { name: string; test: (b: Uint8Array) => boolean }[] = [
  {
    name: "zip archive (or docx/xlsx/jar/apk)",
    test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) || startsWith(b, [0x50, 0x4b, 0x07, 0x08]),
  },
  { name: "gzip archive", test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { name: "7-zip archive", test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: "rar archive", test: (b) => startsWith(b, ascii("Rar!")) },
  { name: "bzip2 archive", test: (b) => startsWith(b, ascii("BZh")) },
  { name: "xz archive", test: (b) => startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { name: "tar archive", test: (b) => startsWith(b, ascii("ustar"), 257) },
  { name: "Windows executable", test: (b) => startsWith(b, ascii("MZ")) },
  { name: "ELF executable", test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  {
    name: "Mach-O executable",
    test: (b) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((s) => startsWith(b, s)),
  },
  { name: "OLE document or installer (doc/xls/msi)", test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { name: "script", test: (b) => startsWith(b, ascii("#!")) },
];

const MARKUP_START = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|!--)/i;
// Markers of active web content inside a binary file: an image that is also an HTML page or a script.
const ACTIVE_MARKERS = /<script|<html|<svg[\s>/]|<\?php|<iframe|<!doctype\s+html|<body[\s>]|javascript:/i;

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
}

export function detectType(bytes: Uint8Array, filename: string): Detection {
  const ext = extensionOf(filename);
  const expected = EXTENSIONS[ext];
  if (bytes.byteLength === 0) return refuse("The file is empty");

  const known = KNOWN_REFUSED.find((k) => k.test(bytes));
  if (known) return refuse(`Files of this type are not allowed (${known.name})`, known.name);

  const sniffed = sniff(bytes);
  if (!sniffed) {
    if (looksLikeMarkup(bytes)) return refuse("HTML, SVG and XML files are not allowed", "markup");
    return refuse("Only JPEG, PNG, PDF and plain text (UTF-8) files are allowed", "unknown");
  }
  if (!expected) return refuse(`The extension ".${ext}" is not allowed: use .jpg, .png, .pdf or .txt`, sniffed);
  if (expected !== sniffed) return refuse(`The content is ${describe(sniffed)} but the name ends in ".${ext}"`, sniffed);

  const hidden = findHiddenContent(bytes, sniffed);
  if (hidden) return refuse(`The file carries hidden content (${hidden}) and is not accepted`, `${sniffed}+polyglot`);
  return { ok: true, mimeType: sniffed };
}

function describe(t: TAllowedType): string {
  return { "image/jpeg": "a JPEG image", "image/png": "a PNG image", "application/pdf": "a PDF document", "text/plain": "plain text" }[t];
}

function sniff(b: Uint8Array): TAllowedType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, ascii("%PDF-"))) return "application/pdf";
  if (isPlainText(b)) return "text/plain";
  return null;
}

function decodeUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

function isPlainText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  const text = decodeUtf8(b);
  if (text === null) return false;
  // Markup documents are not plain text, whatever they are called: a browser or viewer would render them.
  return !MARKUP_START.test(text.replace(/^\uFEFF/, ""));
}

function looksLikeMarkup(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 1024))
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  return MARKUP_START.test(head);
}

/** A second format hidden inside or after an allowed one; null when the file is what it claims. */
function findHiddenContent(b: Uint8Array, type: TAllowedType): string | null {
  if (type === "text/plain") return null; // served as text/plain + nosniff + attachment: nothing can run
  const latin = Buffer.from(b).toString("latin1");
  const marker = ACTIVE_MARKERS.exec(latin);
  if (marker) return `web content "${marker[0].replace(/[^\x20-\x7e]/g, "")}"`;
  // A zip's end record sits within its last 64 KiB (+22 bytes); found there, the file opens as an archive.
  if (latin.slice(-65_557).includes("PK\x05\x06")) return "an archive directory";
  if (type === "image/png") return pngTrailer(b);
  if (type === "image/jpeg") return jpegTrailer(b);
  return pdfActiveContent(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Walks the PNG chunks to IEND; anything after it is an appended payload. */
function pngTrailer(b: Uint8Array): string | null {
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  while (at + 12 <= view.length) {
    const len = view.readUInt32BE(at);
    const type = view.toString("latin1", at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return "a damaged PNG chunk";
    at += 12 + len;
    if (type === "IEND") return at === view.length ? null : "data after the end of the image";
  }
  return "a PNG without its end";
}

/** Walks the JPEG segments and the scan data to EOI; only zero/0xFF padding may follow. */
function jpegTrailer(b: Uint8Array): string | null {
  let at = 2;
  while (at + 2 <= b.length) {
    if (b[at] !== 0xff) return "a damaged JPEG segment";
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return trailingPadding(b, at + 2);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (at + 4 > b.length) break;
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    at += 2 + len;
    if (marker === 0xda) {
      // Entropy-coded data: ends at the first marker that is not a stuffed 0x00 or a restart marker.
      while (at + 1 < b.length && !(b[at] === 0xff && b[at + 1] !== 0x00 && !(b[at + 1]! >= 0xd0 && b[at + 1]! <= 0xd7))) at++;
    }
  }
  return "a JPEG without its end";
}

function trailingPadding(b: Uint8Array, from: number): string | null {
  for (let i = from; i < b.length; i++) if (b[i] !== 0x00 && b[i] !== 0xff && b[i] !== 0x0a && b[i] !== 0x0d) return "data after the end of the image";
  return null;
}
