// The walk writes each event's canonical JSON from the raw column text (issue 15); it must be the bytes
// canonicalEvent() writes from the parsed row, or the verifier would see tampering where there is none.
import { describe, expect, it } from "vitest";
import type { ChainRow } from "@/db/audit-chain/unsafe-audit-chain";
import { canonicalEvent } from "@/db/audit-chain/hash";
import { createHash } from "node:crypto";
import { canonicalRow, isoTime, sealOfRow } from "./walk-chain";

const ORG = "0b7e7c1e-3f7a-4a4b-9d2a-1c2b3c4d5e6f";

/** jsonb's own text form: keys ordered by length then bytes, ", " and ": " separators. */
function jsonbText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(", ")}}`;
}

const samples: {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}[] = [
  { actorId: null, action: "ticket.created", targetType: "ticket", targetId: null, data: {}, ip: null, userAgent: null },
  {
    actorId: "u-1",
    action: "ticket.updated",
    targetType: "ticket",
    targetId: "t-1",
    data: { changes: { status: { from: "open", to: "pending" } }, n: 12, list: [3, { b: 1, a: null }], f: 1.5, big: 12345678901234 },
    ip: "203.0.113.7",
    userAgent: 'Mozilla/5.0 "quoted" \\ back \u0001 😀 \u2028',
  },
  {
    actorId: "system:sla-scan",
    action: "sla.breached",
    targetType: "ticket",
    targetId: "x",
    data: { é: "ü", "": 0, B: false, aa: "x" },
    ip: "::1",
    userAgent: "",
  },
];

describe("the verifier's streamed encoding (S12, issue 15)", () => {
  it("writes the canonical JSON of the parsed row from the raw columns", () => {
    let seq = 41;
    for (const e of samples) {
      for (const at of [new Date("2026-01-01T00:00:00.000Z"), new Date("1999-12-31T23:59:59.999Z"), new Date(1_790_000_000_123)]) {
        seq++;
        const row: ChainRow = [
          String(seq),
          e.actorId,
          e.action,
          e.targetType,
          e.targetId,
          jsonbText(e.data),
          e.ip,
          e.userAgent,
          String(at.getTime()),
          "p",
          "h",
        ];
        expect(canonicalRow(row, ORG, at.toISOString())).toBe(canonicalEvent({ ...e, organizationId: ORG, seq }, at.toISOString()));
      }
    }
  });

  it("reads PostgreSQL's UTC time text as the driver's Date would, to the millisecond (truncated)", () => {
    const texts = [
      "2026-01-01 00:00:00+00",
      "2026-01-01 09:30:00.1+00",
      "2026-12-31 23:59:59.12+00",
      "2026-06-15 12:00:00.123+00",
      "2026-06-15 12:00:00.999999+00",
      "1999-12-31 23:59:59.000501+00",
      "1000-01-01 00:00:00.5+00",
    ];
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(2000, 0, 1) + i * 7_919_123;
      const iso = new Date(ms).toISOString();
      texts.push(`${iso.slice(0, 10)} ${iso.slice(11, 23)}${String(i % 1000).padStart(3, "0")}+00`);
      texts.push(`${iso.slice(0, 10)} ${iso.slice(11, 19)}+00`);
    }
    for (const text of texts) expect(isoTime(text), text).toBe(new Date(text).toISOString());
  });

  it("seals a redacted row as audit_seal() does: a version line, then octets:text or - per column (issue 14)", () => {
    const row: ChainRow = [
      "7",
      null,
      "user.invited",
      "user",
      "u-1",
      '{"email": "[erased]", "n": "ü\t😀"}',
      null,
      "UA",
      "2026-12-01 10:00:00.123+00",
      "a".repeat(64),
      "b".repeat(64),
    ];
    const expected = [
      "helpdesk.audit.seal.v1",
      "1:7",
      "-",
      "12:user.invited",
      "4:user",
      "3:u-1",
      // ü is two octets, the emoji four: lengths count bytes, not characters.
      `${Buffer.byteLength(row[5], "utf8")}:${row[5]}`,
      "-",
      "2:UA",
      "26:2026-12-01 10:00:00.123+00",
      `64:${"a".repeat(64)}`,
      `64:${"b".repeat(64)}`,
    ].join("\n");
    expect(sealOfRow(row)).toBe(createHash("sha256").update(`${expected}\n`).digest("hex"));
    // A NULL and the text "-" or an empty string are different seals; so is any one changed column.
    expect(sealOfRow([...row.slice(0, 6), "", ...row.slice(7)] as ChainRow)).not.toBe(sealOfRow(row));
    expect(sealOfRow([...row.slice(0, 6), "-", ...row.slice(7)] as ChainRow)).not.toBe(sealOfRow(row));
    for (let i = 0; i < row.length; i++) {
      const changed = [...row] as (string | null)[];
      changed[i] = `${row[i] ?? ""}x`;
      expect(sealOfRow(changed as ChainRow), `column ${i}`).not.toBe(sealOfRow(row));
    }
  });
});
