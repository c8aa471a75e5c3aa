import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const good = {
  DATABASE_URL: "postgres://app@db.internal:5432/helpdesk",
  BETTER_AUTH_SECRET: "k2J9vQ7xR4mW8pL1sT6yB3nC5dF0gH2jK4lZ",
  APP_URL: "https://help.example.com",
};

describe("configuration (S14)", () => {
  it("accepts a complete production configuration", () => {
    expect(parseEnv({ ...good, APP_ENV: "production" }).APP_ENV).toBe("production");
  });

  it("refuses to start without the database URL, the auth secret or the app URL, naming each", () => {
    for (const key of ["DATABASE_URL", "BETTER_AUTH_SECRET", "APP_URL"] as const) {
      const source: Record<string, string> = { ...good, APP_ENV: "development" };
      delete source[key];
      expect(() => parseEnv(source)).toThrow(new RegExp(key));
    }
  });

  it("refuses known demo secrets and short secrets in production", () => {
    expect(() => parseEnv({ ...good, APP_ENV: "production", BETTER_AUTH_SECRET: "please-change-this-secret-in-production" })).toThrow(/known demo value/);
    expect(() => parseEnv({ ...good, APP_ENV: "production", BETTER_AUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("takes the DKIM settings all together or not at all, and a mail domain only as a domain (issue 12)", () => {
    const dkim = { MAIL_DKIM_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\n…", MAIL_DKIM_SELECTOR: "hd2026", MAIL_DKIM_DOMAIN: "help.example.com" };
    expect(parseEnv({ ...good, ...dkim }).MAIL_DKIM_SELECTOR).toBe("hd2026");
    for (const missing of Object.keys(dkim) as (keyof typeof dkim)[]) {
      const partial: Record<string, string> = { ...good, ...dkim };
      delete partial[missing];
      expect(() => parseEnv(partial), missing).toThrow(/together, or none/);
    }
    expect(() => parseEnv({ ...good, ...dkim, MAIL_DKIM_SELECTOR: "bad selector" })).toThrow(/MAIL_DKIM_SELECTOR/);
    for (const domain of ["help example.com", "help.example.com>", "@example.com", "-bad.example"]) {
      expect(() => parseEnv({ ...good, MAIL_DOMAIN: domain }), domain).toThrow(/MAIL_DOMAIN/);
    }
  });

  it("refuses a plain-http app URL in production", () => {
    expect(() => parseEnv({ ...good, APP_ENV: "production", APP_URL: "http://help.example.com" })).toThrow(/https/);
  });

  it("is strict by default under NODE_ENV=production when APP_ENV is not set", () => {
    expect(parseEnv({ ...good, NODE_ENV: "production" }).APP_ENV).toBe("production");
    expect(() => parseEnv({ ...good, NODE_ENV: "production", BETTER_AUTH_SECRET: "please-change-this-secret-in-production" })).toThrow();
  });
});
