// Attack pass 2 (D3): dates PostgreSQL cannot hold are refused where the API and the pages parse them
// (the pages catch a parse failure; a database error was their 500).
import { describe, expect, it } from "vitest";
import { ZListAuditQuery } from "@/domain/audit/audit.schemas";
import { ZStartExport } from "@/domain/exports/exports.schemas";
import { decodeCursor } from "@/domain/pagination";
import { ZSatisfactionCountsFilter } from "@/domain/satisfaction/satisfaction.schemas";

const cursor = (at: string) => Buffer.from(JSON.stringify(["created", [at, "00000000-0000-4000-8000-000000000000"]])).toString("base64url");

describe("dates outside the database's range", () => {
  it("a cursor at year 0 or past 9999 is an invalid cursor; one in range decodes", () => {
    for (const at of ["0000-01-01T00:00:00Z", "9999-12-31T12:00:00Z"]) expect(() => decodeCursor(cursor(at))).toThrow(/Invalid cursor/);
    expect(decodeCursor(cursor("2026-01-01T00:00:00Z"))?.createdAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("the audit log's days, an export's range and the satisfaction counts refuse them", () => {
    expect(ZListAuditQuery.safeParse({ from: "0000-01-01" }).success).toBe(false);
    expect(ZListAuditQuery.safeParse({ to: "9999-12-31" }).success).toBe(false);
    expect(ZListAuditQuery.safeParse({ from: "0001-01-01", to: "9999-12-30" }).success).toBe(true);
    expect(ZStartExport.safeParse({ format: "csv", from: "0000-01-01", to: "0001-01-01" }).success).toBe(false);
    expect(ZStartExport.safeParse({ format: "csv", from: "0000-06-01T00:00:00Z", to: "0001-01-01" }).success).toBe(false);
    expect(ZSatisfactionCountsFilter.safeParse({ from: "0000-01-01", to: "2026-01-01" }).success).toBe(false);
    expect(ZSatisfactionCountsFilter.safeParse({ from: "2026-01-01", to: "+010000-01-01" }).success).toBe(false);
    expect(ZSatisfactionCountsFilter.safeParse({ from: "2026-01-01", to: "2026-02-01" }).success).toBe(true);
  });
});
