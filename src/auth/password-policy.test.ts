import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy (S3)", () => {
  it("accepts a long, unusual passphrase", () => {
    expect(passwordProblem("lantern-orbit-cabbage-42", "dana@acme.test")).toBeNull();
  });

  it("refuses short, common, patterned and e-mail-based passwords with a reason", () => {
    expect(passwordProblem("short-pw", null)).toMatch(/at least 12/);
    expect(passwordProblem("Password1234!", null)).toMatch(/too easy to guess/);
    expect(passwordProblem("qwertyuiop", null)).toMatch(/12/);
    expect(passwordProblem("qwertyuiopasdf", null)).toMatch(/too easy to guess/);
    expect(passwordProblem("abcabcabcabcabc", null)).toMatch(/too easy to guess/);
    expect(passwordProblem("aaaaaaaaaaaaaa", null)).toMatch(/too easy to guess/);
    expect(passwordProblem("my-dana.rivers-2026!", "dana.rivers@acme.test")).toMatch(/e-mail/);
    expect(passwordProblem("x".repeat(129), null)).toMatch(/at most/);
  });

  it("uses a real strength estimate (zxcvbn-ts, score >= 3) with the breached list: issue 9 item 13's examples fail", () => {
    for (const weak of ["123456789012345", "aaaaaaaaaaab", "zaq12wsxcde3", "hunter2hunter2", "Password1234!", "1qaz2wsx3edc4rfv"]) {
      expect(passwordProblem(weak, null), weak).toMatch(/too easy to guess/);
    }
  });

  it("treats the user's name and e-mail as known words", () => {
    expect(passwordProblem("zorblaxquintrell", "zq@acme.test", "Zorblax Quintrell")).toMatch(/too easy to guess/);
    expect(passwordProblem("zorblaxquintrell", null, null)).toBeNull();
  });

  it("accepts the fixtures the tests sign in with and random seed passwords", () => {
    for (const ok of [
      "correct-horse-battery-staple",
      "violet-canyon-lantern-47",
      "Lantern-orbit-cabbage-42",
      "a-fresh-long-passphrase",
      "amber-meadow-falcon-82",
    ]) {
      expect(passwordProblem(ok, "someone@acme.test", "Some One"), ok).toBeNull();
    }
  });
});
