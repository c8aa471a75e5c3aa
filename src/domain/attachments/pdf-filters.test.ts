// The stream decoders against the test encoders (tests/support/pdf-builders.ts): what one writes the
// other reads, over lengths that cross LZW's code-width changes and table resets (issue 9 item 10).
import { describe, expect, it } from "vitest";
import * as enc from "../../../tests/support/pdf-builders";
import { decodeFilter, PdfDecodeError } from "./pdf-filters";

function sample(n: number): Buffer {
  let x = 7;
  return Buffer.from(
    Array.from({ length: n }, () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return 97 + ((x >> 16) % 7);
    }),
  );
}

describe("PDF stream filters", () => {
  for (const n of [1, 5, 300, 70_000]) {
    it(`round-trips ${n} bytes through every filter and its abbreviation`, () => {
      const b = sample(n);
      for (const [names, encode] of [
        [["ASCIIHexDecode", "AHx"], enc.asciiHex],
        [["ASCII85Decode", "A85"], enc.ascii85],
        [["LZWDecode", "LZW"], enc.lzw],
        [["RunLengthDecode", "RL"], enc.runLength],
        [["FlateDecode", "Fl"], enc.flate],
      ] as const) {
        for (const name of names) expect(decodeFilter(name, encode(b), {}, 1e9).equals(b), name).toBe(true);
      }
      const predicted = decodeFilter("FlateDecode", enc.flate(enc.pngUpRows(b, 8)), { Predictor: 12, Columns: 8 }, 1e9);
      expect(predicted.subarray(0, n).equals(b)).toBe(true);
    });
  }

  it("throws on malformed data, unknown filters and output past the cap", () => {
    expect(() => decodeFilter("ASCIIHexDecode", Buffer.from("6a7zz>"), {}, 1e9)).toThrow(PdfDecodeError);
    expect(() => decodeFilter("ASCII85Decode", Buffer.from("v~>"), {}, 1e9)).toThrow(PdfDecodeError);
    expect(() => decodeFilter("FlateDecode", Buffer.from("not flate"), {}, 1e9)).toThrow(PdfDecodeError);
    expect(() => decodeFilter("LZWDecode", Buffer.from([0xff, 0xff, 0xff]), {}, 1e9)).toThrow(PdfDecodeError);
    expect(() => decodeFilter("Crypt", Buffer.from("x"), {}, 1e9)).toThrow(PdfDecodeError);
    expect(() => decodeFilter("FlateDecode", enc.flate(Buffer.alloc(1000)), {}, 999)).toThrow(/inspection limit/);
    expect(() => decodeFilter("RunLengthDecode", enc.runLength(Buffer.alloc(1000)), {}, 999)).toThrow(/inspection limit/);
  });
});
