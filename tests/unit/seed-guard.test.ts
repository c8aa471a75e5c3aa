import { describe, expect, it } from "vitest";
import { assertSeedAllowed, seedPassword } from "../../scripts/seed-guard";

describe("seed safety (S14, D10)", () => {
  it("refuses to run in production, explicit or implied by NODE_ENV", () => {
    expect(() => assertSeedAllowed({ APP_ENV: "production" })).toThrow(/production/);
    expect(() => assertSeedAllowed({ NODE_ENV: "production" })).toThrow(/production/);
    expect(() => assertSeedAllowed({ APP_ENV: "development" })).not.toThrow();
  });

  it("uses SEED_PASSWORD when set, otherwise a fresh random password each time", () => {
    expect(seedPassword({ SEED_PASSWORD: "violet-canyon-lantern-47" })).toEqual({ password: "violet-canyon-lantern-47", generated: false });
    const a = seedPassword({});
    const b = seedPassword({});
    expect(a.generated).toBe(true);
    expect(a.password.length).toBeGreaterThanOrEqual(16);
    expect(a.password).not.toBe(b.password);
    // A generated password passes the policy for every demo account, like a given one must.
    expect(seedPassword({ SEED_PASSWORD: a.password })).toEqual({ password: a.password, generated: false });
    expect(() => seedPassword({ SEED_PASSWORD: "short" })).toThrow(/12/);
    // Each password is estimated for all ten demo accounts: more than the default 5 s under load.
  }, 30_000);

  it("checks SEED_PASSWORD against every demo account's organization and name (S3, issue 9 item 13)", () => {
    for (const weak of [
      "Acme2026!Acme2026",
      "Globex#Helpdesk#26",
      "R1ley-Requester-2026",
      "Gl0bex-Support-2027",
      "Ｇｌｏｂｅｘ２０２６！！Ｑ１",
      "Acme!2O26!Q3",
    ]) {
      expect(() => seedPassword({ SEED_PASSWORD: weak }), weak).toThrow(/password policy/);
    }
    // Ten accounts' contexts per password, each a full strength estimate: more than the default 5 s under load.
  }, 20_000);
});
