// PDFs built in code for the active-content check (S11; issue 9 item 10): every standard filter has an
// encoder here, so a test can hide an action in any of them without a binary fixture in the repository.
import { deflateSync } from "node:zlib";

export const JS_CATALOG = "<</Type /Catalog /Pages 2 0 R /OpenAction <</S /JavaScript /JS (app.alert\\(1\\))>>>>";
const PAGES = ["2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj", "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj"];

export const asciiHex = (b: Buffer) => Buffer.from(`${b.toString("hex").replace(/(.{64})/g, "$1\n")}>`, "latin1");

export function ascii85(b: Buffer): Buffer {
  let out = "";
  for (let i = 0; i < b.length; i += 4) {
    const chunk = Buffer.alloc(4);
    b.copy(chunk, 0, i, Math.min(i + 4, b.length));
    let v = chunk.readUInt32BE(0);
    const n = Math.min(4, b.length - i);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode((v % 85) + 33));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join("");
  }
  return Buffer.from(`${out}~>`, "latin1");
}

/** LZW as PDF writes it (MSB first, 9–12 bit codes, EarlyChange 1, clear code at the start). */
export function lzw(b: Buffer): Buffer {
  const dict = new Map<string, number>();
  for (let i = 0; i < 256; i++) dict.set(String.fromCharCode(i), i);
  let next = 258;
  let width = 9;
  const codes: [number, number][] = [[256, 9]];
  let w = "";
  for (const byte of b) {
    const c = String.fromCharCode(byte);
    if (dict.has(w + c)) {
      w += c;
      continue;
    }
    codes.push([dict.get(w)!, width]);
    dict.set(w + c, next++);
    if (next + 1 > 1 << width && width < 12) width++;
    if (next >= 4094) {
      // Table full: a clear code, then 9-bit codes again.
      codes.push([256, width]);
      for (const k of [...dict.keys()]) if (k.length > 1) dict.delete(k);
      next = 258;
      width = 9;
    }
    w = c;
  }
  if (w) codes.push([dict.get(w)!, width]);
  if (next + 1 >= 1 << width && width < 12) width++;
  codes.push([257, width]);
  let bits = "";
  for (const [code, n] of codes) bits += code.toString(2).padStart(n, "0");
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, "0");
  return Buffer.from(bits.match(/.{8}/g)!.map((x) => parseInt(x, 2)));
}

/** RunLength: literal runs of up to 128 bytes, then the end-of-data byte. */
export function runLength(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += 128) {
    const chunk = b.subarray(i, i + 128);
    parts.push(Buffer.from([chunk.length - 1]), chunk);
  }
  return Buffer.concat([...parts, Buffer.from([128])]);
}

/** PNG "Up" predictor rows (Predictor 12) of `columns` bytes, to be Flate-compressed after. */
export function pngUpRows(b: Buffer, columns: number): Buffer {
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(columns);
  for (let i = 0; i < b.length; i += columns) {
    const row = Buffer.alloc(columns);
    b.copy(row, 0, i, Math.min(i + columns, b.length));
    const enc = Buffer.alloc(columns + 1);
    enc[0] = 2;
    for (let k = 0; k < columns; k++) enc[k + 1] = (row[k]! - prev[k]!) & 0xff;
    rows.push(enc);
    prev = row;
  }
  return Buffer.concat(rows);
}

export const flate = (b: Buffer) => deflateSync(b);

/** A PDF with one stream object (`dict` without the << >>) holding `data` as stored bytes. */
export function withStream(dict: string, data: Buffer, catalog = "<</Type /Catalog /Pages 2 0 R>>"): Buffer {
  return Buffer.concat([
    Buffer.from(["%PDF-1.7", `1 0 obj ${catalog} endobj`, ...PAGES, `4 0 obj <<${dict} /Length ${data.length}>>`, "stream", ""].join("\n"), "latin1"),
    data,
    Buffer.from("\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n", "latin1"),
  ]);
}

/** An object stream (/ObjStm) whose single object 5 is `object`, encoded by `encode` and declared with `filter`. */
export function objectStream(object: string, filter: string, encode: (b: Buffer) => Buffer, extraDict = ""): Buffer {
  const body = Buffer.from(`5 0 ${object}`, "latin1");
  const first = "5 0 ".length;
  return withStream(`/Type /ObjStm /N 1 /First ${first} /Filter ${filter}${extraDict}`, encode(body));
}

/** The original file plus an incremental update that adds an action to the catalog. */
export function incrementalUpdate(base: Buffer, newCatalog: string): Buffer {
  return Buffer.concat([base, Buffer.from(`1 0 obj ${newCatalog} endobj\ntrailer <</Root 1 0 R /Prev 0>>\n%%EOF\n`, "latin1")]);
}

const js = Buffer.from(JS_CATALOG.replace("<</Type /Catalog /Pages 2 0 R ", "<<"), "latin1");

/** PDFs a viewer would run or open something from: every one must be refused (issue 9 item 10). */
export function activeVariants(): [string, Buffer][] {
  const catalogIn = (action: string) => objectStream(`<<${action}>>`, "/FlateDecode", flate);
  return [
    ["OpenAction JavaScript in an /ASCIIHexDecode object stream", objectStream(`${JS_CATALOG}`, "/ASCIIHexDecode", asciiHex)],
    ["… in /AHx (abbreviated)", objectStream(JS_CATALOG, "/AHx", asciiHex)],
    ["… in /ASCII85Decode", objectStream(JS_CATALOG, "/ASCII85Decode", ascii85)],
    ["… in /A85", objectStream(JS_CATALOG, "/A85", ascii85)],
    ["… in /LZWDecode", objectStream(JS_CATALOG, "/LZWDecode", lzw)],
    ["… in /RunLengthDecode", objectStream(JS_CATALOG, "/RL", runLength)],
    ["… in a filter chain [/AHx /Fl]", objectStream(JS_CATALOG, "[/AHx /Fl]", (b) => asciiHex(flate(b)))],
    ["… in a chain [/A85 /LZW /RL]", objectStream(JS_CATALOG, "[/A85 /LZW /RL]", (b) => ascii85(lzw(runLength(b))))],
    ["… behind a PNG predictor", objectStream(JS_CATALOG, "/FlateDecode", (b) => flate(pngUpRows(b, 4)), " /DecodeParms <</Predictor 12 /Columns 4>>")],
    ["… with a hex-escaped filter name (/Fl#61teDecode)", objectStream(JS_CATALOG, "/Fl#61teDecode", flate)],
    ["a Flate stream that inflates past the cap (a bomb)", withStream("/Filter /FlateDecode", flate(Buffer.concat([Buffer.alloc(70 * 1024 * 1024), js])))],
    ["a Flate stream that does not decode", withStream("/Filter /FlateDecode", Buffer.from("definitely not zlib data"))],
    ["an ASCIIHex stream that does not decode", withStream("/Filter /ASCIIHexDecode", Buffer.from("6a6176zz>"))],
    ["an unknown filter", withStream("/Filter /MadeUpDecode", Buffer.from("xyz"))],
    ["a /Crypt filter", withStream("/Filter /Crypt", Buffer.from("xyz"))],
    ["an image filter on a non-image stream", withStream("/Filter /DCTDecode", Buffer.from("xyz"))],
    ["a name split with #53 (/Java#53cript)", catalogIn("/S /Java#53cript /JS (x)")],
    ["a name starting with #4a (/#4aavaScript)", withStream("/Filter /AHx", asciiHex(Buffer.from("<</S /#4aavaScript /J#53 (x)>>")))],
    ["/Launch in an object stream", catalogIn("/OpenAction <</S /Launch /F (cmd.exe)>>")],
    ["/EmbeddedFile in an object stream", catalogIn("/Type /EmbeddedFile")],
    ["/RichMedia", catalogIn("/Subtype /RichMedia")],
    ["/XFA forms", catalogIn("/AcroForm <</XFA 9 0 R>>")],
    ["/AA additional actions", catalogIn("/AA <</O <</S /URI /URI (https://example.com)>>>>")],
    ["a javascript: URI", catalogIn("/OpenAction <</S /URI /URI (javascript:app.alert\\(1\\))>>")],
    [
      "a javascript: URI with an octal escape",
      withStream("", Buffer.from(""), "<</Type /Catalog /Pages 2 0 R /OpenAction <</S /URI /URI (\\152avascript:alert(1))>>>>"),
    ],
    [
      "a javascript: URI as a hex string",
      withStream("", Buffer.from(""), `<</Type /Catalog /Pages 2 0 R /OpenAction <</S /URI /URI <${Buffer.from("JaVaScRiPt:alert(1)").toString("hex")}>>>>>`),
    ],
    ["a file: URI", withStream("", Buffer.from(""), "<</Type /Catalog /Pages 2 0 R /OpenAction <</S /URI /URI (file:///etc/passwd)>>>>")],
    ["an incremental update adding the action", incrementalUpdate(withStream("/Filter /FlateDecode", flate(Buffer.from("BT ET"))), JS_CATALOG)],
    // Found by the outside review after the first fix: the stream's own dictionary is attacker-chosen.
    ["an object stream that also calls itself an /Image", objectStream(JS_CATALOG, "/FlateDecode", flate, " /Subtype /Image")],
    ["/GoToR to a file on a UNC share", catalogIn("/OpenAction <</S /GoToR /F (\\\\attacker\\share\\x.pdf) /D [0 /Fit]>>")],
    ["/Thread action with a remote file spec", catalogIn("/OpenAction <</S /Thread /F <</FS /URL /F (http://attacker.example/x.pdf)>> /D 0>>")],
    ["a UNC URI", catalogIn("/OpenAction <</S /URI /URI (\\\\\\\\attacker\\\\share)>>")],
    ["a scheme-relative URI", catalogIn("/OpenAction <</S /URI /URI (//attacker.example/share)>>")],
    [
      "an incremental update adding an AHx object stream",
      Buffer.concat([withStream("", Buffer.from("")), objectStream(JS_CATALOG, "/AHx", asciiHex).subarray(9)]),
    ],
  ];
}

/** PDFs with nothing active, through the same filters: all accepted. */
export function cleanVariants(): [string, Buffer][] {
  const page = Buffer.from("BT /F1 12 Tf 72 712 Td (Invoice 2026-11, total 42 EUR) Tj ET", "latin1");
  const benign = "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>";
  return [
    ["a Flate content stream", withStream("/Filter /FlateDecode", flate(page))],
    ["an AHx+Flate chain", withStream("/Filter [/AHx /Fl]", asciiHex(flate(page)))],
    ["an LZW object stream", objectStream(benign, "/LZWDecode", lzw)],
    ["an A85 object stream", objectStream(benign, "/A85", ascii85)],
    [
      "an xref-style stream with a PNG predictor",
      withStream("/Type /XRef /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 4>>", flate(pngUpRows(Buffer.from([1, 0, 0, 0, 1, 0, 15, 0]), 4))),
    ],
    [
      "a JPEG image XObject (DCT is opaque there)",
      withStream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
        Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      ),
    ],
    [
      "a link to an https page",
      withStream(
        "",
        Buffer.from(""),
        "<</Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] /Annots [<</Subtype /Link /A <</S /URI /URI (https://example.com/help)>>>>]>>",
      ),
    ],
  ];
}
