import { beforeAll, describe, expect, it } from "vitest";
import { seal, unseal } from "./sealed";

beforeAll(() => {
  process.env.DATABASE_URL ??= "postgres://unit@localhost/unit";
  process.env.BETTER_AUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123456789";
  process.env.APP_URL ??= "http://localhost:3000";
});

describe("sealed outbox secrets (issue 12)", () => {
  it("opens with the same context and hides the plain text", () => {
    const sealed = seal("the-token-value", "invite:user-1");
    expect(sealed).not.toContain("the-token-value");
    expect(unseal(sealed, "invite:user-1")).toBe("the-token-value");
    expect(seal("the-token-value", "invite:user-1")).not.toBe(sealed);
  });

  it("refuses another context, a flipped bit, a cut value and junk", () => {
    const sealed = seal("the-token-value", "invite:user-1");
    expect(unseal(sealed, "invite:user-2")).toBeNull();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[2]!, "base64url");
    flipped[0]! ^= 1;
    expect(unseal([parts[0], parts[1], flipped.toString("base64url"), parts[3]].join("."), "invite:user-1")).toBeNull();
    expect(unseal(parts.slice(0, 3).join("."), "invite:user-1")).toBeNull();
    expect(unseal(`${sealed}.x`, "invite:user-1")).toBeNull();
    expect(unseal("v2.a.b.c", "invite:user-1")).toBeNull();
  });
});
