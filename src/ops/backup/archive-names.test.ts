import { describe, expect, it } from "vitest";
import { parseIdentities, parseRecipients } from "./age-keys";
import { isPartPath } from "./manifest";

describe("archive part paths (S23)", () => {
  it("are the dump, a storage object under its random key, or a checkpoint file, nothing else", () => {
    for (const ok of ["database.dump", "storage/clean/0123456789abcdef0123456789abcdef", "audit-checkpoints/audit-checkpoints-x.jsonl"]) {
      expect(isPartPath(ok), ok).toBe(true);
    }
    for (const bad of [
      "../database.dump",
      "/database.dump",
      "storage/clean/../../etc/passwd",
      "storage/public/0123456789abcdef0123456789abcdef",
      "storage/clean/0123456789ABCDEF0123456789ABCDEF",
      "audit-checkpoints/../x",
      "audit-checkpoints/.hidden",
      "audit-checkpoints/a/b",
      "database.dump.extra",
    ]) {
      expect(isPartPath(bad), bad).toBe(false);
    }
  });
});

describe("age keys as operators keep them (S23)", () => {
  it("reads recipients separated by commas or spaces and refuses anything else", () => {
    expect(parseRecipients(undefined)).toEqual([]);
    expect(parseRecipients("age1abc, age1def age1ghi")).toEqual(["age1abc", "age1def", "age1ghi"]);
    expect(() => parseRecipients("ssh-ed25519 AAAA")).toThrow(/not an age recipient/);
  });

  it("reads an age-keygen identity file, comments skipped, and never echoes a bad secret", () => {
    const file = "# created: 2026-12-01T00:00:00Z\n# public key: age1xyz\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n";
    expect(parseIdentities(file)).toEqual(["AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"]);
    let message = "";
    try {
      parseIdentities("not-a-key-but-a-secret");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not an AGE-SECRET-KEY-1… line/);
    expect(message).not.toContain("not-a-key-but-a-secret");
  });
});
