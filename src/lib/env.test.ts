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

  it("refuses a plain-http app URL in production", () => {
    expect(() => parseEnv({ ...good, APP_ENV: "production", APP_URL: "http://help.example.com" })).toThrow(/https/);
  });

  it("is strict by default under NODE_ENV=production when APP_ENV is not set", () => {
    expect(parseEnv({ ...good, NODE_ENV: "production" }).APP_ENV).toBe("production");
    expect(() => parseEnv({ ...good, NODE_ENV: "production", BETTER_AUTH_SECRET: "please-change-this-secret-in-production" })).toThrow();
  });
});
