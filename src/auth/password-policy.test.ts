import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy (S3)", () => {
  it("accepts a long, unusual passphrase", () => {
    expect(passwordProblem("lantern-orbit-cabbage-42", "dana@acme.test")).toBeNull();
  });

  it("refuses short, common, patterned and e-mail-based passwords with a reason", () => {
    expect(passwordProblem("short-pw", null)).toMatch(/at least 12/);
    expect(passwordProblem("Password1234!", null)).toMatch(/too common/);
    expect(passwordProblem("qwertyuiop", null)).toMatch(/12/);
    expect(passwordProblem("qwertyuiopasdf", null)).toMatch(/sequence/);
    expect(passwordProblem("abcabcabcabcabc", null)).toMatch(/repeated/);
    expect(passwordProblem("aaaaaaaaaaaaaa", null)).toMatch(/repeated/);
    expect(passwordProblem("my-dana.rivers-2026!", "dana.rivers@acme.test")).toMatch(/e-mail/);
    expect(passwordProblem("x".repeat(129), null)).toMatch(/at most/);
  });
});
