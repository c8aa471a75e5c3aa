// Test files for the upload checks (S11), built in code so that nothing "dangerous" sits in the repository.
import { crc32, deflateSync } from "node:zlib";
import { callJson, type CallOptions } from "./api";
import { EICAR } from "./clamd";

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A real, decodable 2x2 RGB PNG. */
export function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 255, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** A structurally complete baseline JPEG (SOI, JFIF, DQT, SOF0, DHT, SOS + scan data, EOI). */
export function jpeg(): Buffer {
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]);
  const sof = Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
  const dhtDc = Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0])]);
  const dhtAc = Buffer.concat([Buffer.from([0x10, 1]), Buffer.alloc(15), Buffer.from([0])]);
  const sos = Buffer.from([1, 1, 0, 0, 63, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, dhtDc),
    segment(0xc4, dhtAc),
    segment(0xda, sos),
    Buffer.from([0x00, 0xff, 0x00, 0x3f]), // entropy-coded data with a stuffed 0xFF
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A one-page PDF with a text object and nothing active. */
export function pdf(extra = ""): Buffer {
  return Buffer.from(
    [
      "%PDF-1.4",
      `1 0 obj <</Type /Catalog /Pages 2 0 R${extra}>> endobj`,
      "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj",
      "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj",
      "trailer <</Root 1 0 R>>",
      "%%EOF",
      "",
    ].join("\n"),
    "latin1",
  );
}

/** A PDF whose JavaScript action sits in a Flate-compressed stream, with a hex-escaped name. */
export function pdfWithHiddenJavaScript(): Buffer {
  const hidden = deflateSync(Buffer.from("<</S /J#61vaScript /JS (app.alert('x'))>>", "latin1"));
  return Buffer.concat([
    Buffer.from(`%PDF-1.5\n4 0 obj <</Length ${hidden.length} /Filter /FlateDecode>>\nstream\n`, "latin1"),
    hidden,
    Buffer.from("\nendstream\nendobj\n%%EOF\n", "latin1"),
  ]);
}

/** A minimal zip archive (one stored file) with its central directory. */
export function zip(): Buffer {
  const name = Buffer.from("a.txt");
  const data = Buffer.from("hello");
  const crc = crc32(data) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** The start of a Windows PE executable. */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  b.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  return b;
}

export const html = () => Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
export const svg = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
export const text = (s = "Printer on floor 3 says PC LOAD LETTER.\nÜberall — ünïcödé.\n") => Buffer.from(s, "utf8");
/** EICAR assembled at run time (RECIPES.md): clamd with the test signature reports it as FOUND. */
export const eicar = () => Buffer.from(EICAR, "latin1");

export function multipart(filename: string, bytes: Uint8Array, fields: Record<string, string> = {}, contentType = "application/octet-stream"): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  return form;
}

export function upload(
  cookie: string,
  ticketId: string,
  filename: string,
  bytes: Uint8Array,
  opts: { fields?: Record<string, string>; contentType?: string } & Omit<CallOptions, "cookie"> = {},
) {
  return callJson("POST", `/api/tickets/${ticketId}/attachments`, {
    cookie,
    rawBody: multipart(filename, bytes, opts.fields, opts.contentType),
    headers: opts.headers,
  });
}
export * as pdfs from "./pdf-builders";
