import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, decodeSeqCursor, defineCursor, encodeCursor, encodeSeqCursor, MAX_PAGE_SIZE, toPage, ZLimit } from "./pagination";

describe("pagination (S7)", () => {
  it("clamps any requested size to 1..100 and defaults to 25", () => {
    expect(ZLimit.parse("10000")).toBe(MAX_PAGE_SIZE);
    expect(ZLimit.parse("0")).toBe(1);
    expect(ZLimit.parse("-5")).toBe(1);
    expect(ZLimit.parse(undefined)).toBe(25);
    expect(ZLimit.parse("abc")).toBe(25);
  });

  it("round-trips cursors and refuses tampered ones", () => {
    const c = { createdAt: new Date("2026-05-01T10:00:00.123Z"), id: "6f1c1b2e-8d4a-4c1e-9d4f-1a2b3c4d5e6f" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeSeqCursor(encodeSeqCursor(42))).toBe(42);
    expect(() => decodeCursor("bm90LWpzb24")).toThrow("Invalid cursor");
    expect(() => decodeCursor(Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", "1 or 1=1"])).toString("base64url"))).toThrow();
    expect(() => decodeSeqCursor(Buffer.from('["seq","1;drop"]').toString("base64url"))).toThrow();
  });

  it("one format for every list: a cursor of one order is refused by another, never misread", () => {
    const created = encodeCursor({ createdAt: new Date("2026-05-01T10:00:00Z"), id: "6f1c1b2e-8d4a-4c1e-9d4f-1a2b3c4d5e6f" });
    expect(() => decodeSeqCursor(created)).toThrow("Invalid cursor");
    expect(() => decodeCursor(encodeSeqCursor(7))).toThrow("Invalid cursor");
    expect(() => decodeSeqCursor("7")).toThrow("Invalid cursor"); // the old bare-number audit cursor
    const name = defineCursor("name", z.tuple([z.string(), z.uuid()]));
    expect(() => name.decode(created)).toThrow("Invalid cursor");
  });

  it("returns a next cursor only when another page exists", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, createdAt: new Date(n) }));
    expect(toPage(rows, 2, (r) => r.id)).toMatchObject({ items: ["id-1", "id-2"], nextCursor: expect.any(String) });
    expect(toPage(rows, 3, (r) => r.id)).toEqual({ items: ["id-1", "id-2", "id-3"], nextCursor: null });
  });
});
