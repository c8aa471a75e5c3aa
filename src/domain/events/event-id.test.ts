import { beforeAll, describe, expect, it } from "vitest";
import { decodeEventId, encodeEventId } from "./event-id";

const me = { orgId: "11111111-1111-4111-8111-111111111111", userId: "user-a" };

beforeAll(() => {
  process.env.BETTER_AUTH_SECRET ??= "unit-test-secret-unit-test-secret-unit";
  process.env.DATABASE_URL ??= "postgres://x@127.0.0.1/x";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.APP_ENV ??= "test";
});

describe("live event ids (issue 11)", () => {
  it("round-trips for the caller it was issued to, and never shows the number", () => {
    const id = encodeEventId(me, 123456);
    expect(decodeEventId(me, id)).toBe(123456);
    expect(id).not.toContain("123456");
    // Two ids of the same number differ: nothing to compare between them.
    expect(encodeEventId(me, 123456)).not.toBe(id);
  });

  it("is ignored when presented by another organization or another user", () => {
    const id = encodeEventId(me, 42);
    expect(decodeEventId({ ...me, orgId: "22222222-2222-4222-8222-222222222222" }, id)).toBeNull();
    expect(decodeEventId({ ...me, userId: "user-b" }, id)).toBeNull();
  });

  it("is ignored when a single bit is changed anywhere", () => {
    const id = encodeEventId(me, 42);
    const raw = Buffer.from(id.slice(3), "base64url");
    for (let i = 0; i < raw.length; i++) {
      const bent = Buffer.from(raw);
      bent[i]! ^= 1;
      expect(decodeEventId(me, `e1.${bent.toString("base64url")}`), `byte ${i}`).toBeNull();
    }
  });

  it("is ignored for garbage, numbers, empty and oversized values", () => {
    for (const bad of ["", "42", "e1.", "e1.!!!!", "e2.AAAA", "x".repeat(5000), `e1.${"A".repeat(48)}`, "e1.../../etc", null, undefined]) {
      expect(decodeEventId(me, bad as string | null)).toBeNull();
    }
  });
});
