// isoFromPgTimestamptz must answer exactly what drizzle's way — new Date(text).toISOString() — answers,
// for every text PostgreSQL writes (issue 15: the queue reads its timestamps through it).
import { describe, expect, it } from "vitest";
import { isoFromPgTimestamptz } from "./pg-timestamp";

const viaDate = (text: string) => new Date(text).toISOString();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("isoFromPgTimestamptz", () => {
  it("answers what new Date(text).toISOString() answers, for random UTC texts with 0–6 fraction digits", () => {
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(Math.random() * 253_402_300_799_000); // 1970 … 9999
      const d = new Date(ms);
      const digits = i % 7;
      const fraction = digits ? `.${pad(Math.floor(Math.random() * 10 ** digits), digits)}` : "";
      const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${fraction}+00`;
      expect(isoFromPgTimestamptz(text), text).toBe(viaDate(text));
    }
  });

  it("keeps milliseconds and drops microseconds, as a Date does", () => {
    expect(isoFromPgTimestamptz("2026-12-01 19:50:00.123999+00")).toBe("2026-12-01T19:50:00.123Z");
    expect(isoFromPgTimestamptz("2026-12-01 19:50:00.5+00")).toBe("2026-12-01T19:50:00.500Z");
    expect(isoFromPgTimestamptz("2026-12-01 19:50:00+00")).toBe("2026-12-01T19:50:00.000Z");
  });

  it("takes Date's way for what is not UTC in four-digit years, with Date's answer", () => {
    for (const text of ["2026-12-01 20:50:00.25+01", "2026-12-01 14:20:00+05:30", "0050-01-01 00:00:00+00", "0999-06-01 00:00:00+00"]) {
      expect(isoFromPgTimestamptz(text), text).toBe(viaDate(text));
    }
    expect(() => isoFromPgTimestamptz("infinity")).toThrow(RangeError);
  });
});
