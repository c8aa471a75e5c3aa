import { describe, expect, it } from "vitest";
import { detectType } from "./detect-type";
import { contentDisposition, sanitizeFilename } from "./sanitize-filename";
import * as pdfs from "../../../tests/support/pdf-builders";

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("detectType: bytes and extension together (S11)", () => {
  it("accepts plain UTF-8 text, with or without a BOM", () => {
    expect(detectType(Buffer.from("hello\n"), "a.txt")).toEqual({ ok: true, mimeType: "text/plain" });
    expect(detectType(Buffer.from("\uFEFFhello"), "a.log")).toEqual({ ok: true, mimeType: "text/plain" });
  });

  it("refuses a mismatch between content and extension, whichever way round", () => {
    expect(detectType(Buffer.from("%PDF-1.4\n%%EOF\n"), "a.png")).toMatchObject({ ok: false, detected: "application/pdf" });
    expect(detectType(Buffer.from("plain"), "a.pdf")).toMatchObject({ ok: false, detected: "text/plain" });
  });

  it("names archives and executables even with an allowed extension", () => {
    for (const [bytes, name] of [
      [Buffer.from([0x1f, 0x8b, 8, 0]), /gzip/],
      [Buffer.from("Rar!\x1a\x07\x00"), /rar/],
      [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), /ELF/],
      [Buffer.from("#!/bin/sh\nrm -rf /\n"), /script/],
      [Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0]), /Mach-O/],
    ] as const) {
      const r = detectType(bytes, "file.txt");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(name);
    }
  });

  it("refuses markup that merely calls itself text", () => {
    for (const body of ["<?xml version='1.0'?><svg/>", "  <html>", "<!DOCTYPE html>", "<svg onload=alert(1)>"]) {
      expect(detectType(Buffer.from(body), "x.txt").ok, body).toBe(false);
    }
    // Text that mentions markup later on is still text (served as text/plain, nosniff, attachment).
    expect(detectType(Buffer.from("log line: got <script>alert(1)</script> in a form field"), "x.txt").ok).toBe(true);
  });

  it("refuses a PNG that does not end at IEND, or hides markup in a chunk", () => {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
    };
    const png = (...chunks: Buffer[]) => Buffer.concat([Buffer.from(PNG_SIG), ...chunks]);
    expect(detectType(png(chunk("IHDR", Buffer.alloc(13)), chunk("IEND", Buffer.alloc(0))), "a.png")).toEqual({ ok: true, mimeType: "image/png" });
    expect(detectType(png(chunk("IHDR", Buffer.alloc(13))), "a.png").ok).toBe(false);
    expect(detectType(png(chunk("IHDR", Buffer.alloc(13)), chunk("tEXt", Buffer.from("c\0<html><body>x")), chunk("IEND", Buffer.alloc(0))), "a.png").ok).toBe(
      false,
    );
  });

  it("refuses PDFs with active content, also hex-escaped names", () => {
    for (const active of ["/Launch", "/EmbeddedFile", "/J#61vaScript", "/RichMedia", "/Encrypt 5 0 R"]) {
      expect(detectType(Buffer.from(`%PDF-1.7\n1 0 obj <<${active}>> endobj\n%%EOF\n`), "a.pdf").ok, active).toBe(false);
    }
    // A name that merely starts like one is fine.
    expect(detectType(Buffer.from("%PDF-1.7\n1 0 obj <</JSONish 1>> endobj\n%%EOF\n"), "a.pdf").ok).toBe(true);
  });
});

describe("sanitizeFilename and Content-Disposition", () => {
  it("keeps only the base name and safe characters", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("C:\\Users\\me\\report.pdf")).toBe("report.pdf");
    expect(sanitizeFilename("a\u0000b\u001fc\u202e.txt")).toBe("abc.txt");
    expect(sanitizeFilename('"><img src=x onerror=alert(1)>.png')).toBe("_img src_x onerror_alert(1)_.png");
    expect(sanitizeFilename("...")).toBe("file");
    expect(sanitizeFilename("")).toBe("file");
    expect(sanitizeFilename("Überweisung März.pdf")).toBe("Überweisung März.pdf");
  });

  it("caps the length but keeps the extension", () => {
    const name = sanitizeFilename(`${"x".repeat(500)}.pdf`);
    expect(name.length).toBe(120);
    expect(name.endsWith(".pdf")).toBe(true);
  });

  it("quotes nothing it should not", () => {
    expect(contentDisposition("attachment", "a'b (1).txt")).toBe(`attachment; filename="a'b (1).txt"; filename*=UTF-8''a%27b%20%281%29.txt`);
  });
});

describe("PDF active content through every filter (issue 9 item 10)", () => {
  for (const [label, bytes] of pdfs.activeVariants()) {
    it(`refuses ${label}`, () => {
      const r = detectType(bytes, "a.pdf");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/hidden content \((PDF|a PDF that cannot be inspected)/);
    });
  }
  for (const [label, bytes] of pdfs.cleanVariants()) {
    it(`accepts ${label}`, () => {
      expect(detectType(bytes, "a.pdf")).toEqual({ ok: true, mimeType: "application/pdf" });
    });
  }
});
