// S1 and S8 against the real default limits, with the in-memory store (no REDIS_URL).
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auth } from "@/auth/better-auth";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { callJson, fromIp } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { withoutDevice } from "../support/device-cookies";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("limits");
});
afterEach(() => vi.restoreAllMocks());

describe("API rate limits (S8)", () => {
  it("the 31st write in a minute gets 429 with Retry-After and RateLimit headers; another user is unaffected", async () => {
    const agent = await signIn(org.agent);
    const ticket = await createTicketAs(agent, { title: "limit me" });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: agent, body: { bodyMd: `c${i}` } });
      statuses.push(res.status);
    }
    // One write was the ticket itself: 29 comments pass, the 30th comment is the 31st write.
    expect(statuses.slice(0, 29).every((s) => s === 201)).toBe(true);
    const refused = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: agent, body: { bodyMd: "one too many" } });
    expect(statuses[29]).toBe(429);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-limit")).toBe("30");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");

    // Nothing was written by the refused request.
    const list = await callJson("GET", `/api/tickets/${ticket.id}/comments?limit=100`, { cookie: agent });
    expect(list.body.items.map((c: { bodyMd: string }) => c.bodyMd)).not.toContain("one too many");

    const other = await signIn(org.agent2);
    expect((await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: other, body: { bodyMd: "fine" } })).status).toBe(201);
  });

  it("the 61st read in a minute gets 429, and the hit is logged and counted", async () => {
    const requester = await signIn(org.requester2);
    const warn = vi.spyOn(logger, "warn");
    const before = (await metrics().rateLimited.get()).values.find((v) => v.labels.policy === "api.read")?.value ?? 0;
    for (let i = 0; i < 60; i++) {
      const res = await callJson("GET", "/api/tickets?limit=1", { cookie: requester });
      expect(res.status, `read ${i + 1}`).toBe(200);
    }
    const refused = await callJson("GET", "/api/tickets?limit=1", { cookie: requester });
    expect(refused.status).toBe(429);
    expect(warn.mock.calls.some((c) => (c[0] as { event?: string }).event === "rate_limit.hit")).toBe(true);
    const after = (await metrics().rateLimited.get()).values.find((v) => v.labels.policy === "api.read")?.value ?? 0;
    expect(after).toBe(before + 1);
  });

  it("requests without a session are limited per IP", async () => {
    for (let i = 0; i < 60; i++) expect((await callJson("GET", "/api/tickets", { headers: fromIp("203.0.113.9") })).status).toBe(401);
    expect((await callJson("GET", "/api/tickets", { headers: fromIp("203.0.113.9") })).status).toBe(429);
    expect((await callJson("GET", "/api/tickets", { headers: fromIp("203.0.113.10") })).status).toBe(401);
  });

  it("health and readiness are never rate limited", async () => {
    for (let i = 0; i < 80; i++) expect((await callJson("GET", "/api/health", { headers: fromIp("203.0.113.11") })).status).toBe(200);
  });
});

describe("sign-in throttling (S1)", () => {
  it("the 6th failed attempt for an account gets 429 with Retry-After, even with the right password, and a security event is logged", async () => {
    const warn = vi.spyOn(logger, "warn");
    const target = org.admin;
    for (let i = 0; i < 5; i++) {
      const res = await callJson("POST", "/api/auth/sign-in/email", {
        body: { email: target.email, password: `wrong-${i}-password` },
        headers: fromIp(`198.51.100.${i + 1}`),
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const sixth = await callJson("POST", "/api/auth/sign-in/email", {
      body: { email: target.email, password: TEST_PASSWORD },
      headers: fromIp("198.51.100.77"),
    });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(sixth.headers.getSetCookie().some((c) => c.includes("session_token=") && !/max-age=0/i.test(c))).toBe(false);
    const event = warn.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o.event === "security.sign_in_throttled");
    expect(event).toMatchObject({ policy: "sign_in.account", ip: "198.51.100.77", attempts: 6 });
    expect(JSON.stringify(event)).not.toContain(target.email);
  });

  it("the 6th failed attempt from one IP gets 429 whatever account it tries", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < 5; i++) {
      const res = await callJson("POST", "/api/auth/sign-in/email", {
        body: { email: `nobody${i}@${org.slug}.test`, password: "whatever-password" },
        headers: fromIp(ip),
      });
      expect(res.status).toBe(401);
    }
    const sixth = await callJson("POST", "/api/auth/sign-in/email", { body: { email: org.requester.email, password: TEST_PASSWORD }, headers: fromIp(ip) });
    expect(sixth.status).toBe(429);
  });

  it("a successful sign-in clears the account's failures, so a user who mistypes a few times is not locked out", async () => {
    const user = await createUser(org.id, org.slug, "typist", "agent");
    for (let i = 0; i < 4; i++) {
      expect(
        (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: "typo-typo-typo" }, headers: fromIp("192.0.2.50") })).status,
      ).toBe(401);
    }
    expect(
      (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD }, headers: fromIp("192.0.2.50") })).status,
    ).toBe(200);
    // Without the reset the account would be at 8 failures and refused; from a fresh IP it is not.
    for (let i = 0; i < 4; i++) {
      expect(
        (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: "typo-again-typo" }, headers: fromIp("192.0.2.60") })).status,
      ).toBe(401);
    }
    expect(
      (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD }, headers: fromIp("192.0.2.60") })).status,
    ).toBe(200);
  });

  it("a stolen session cannot guess the password: the 6th wrong password confirmation gets 429", async () => {
    const user = await createUser(org.id, org.slug, "stolen-session", "agent");
    // The session token alone: the browser's device cookie would be judged by its own budget (device-cookie-*.test.ts).
    const cookie = withoutDevice(await signIn(user));
    for (let i = 0; i < 5; i++) {
      const res = await callJson("POST", "/api/auth/change-password", {
        cookie,
        body: { currentPassword: `guess-number-${i}`, newPassword: "a-fresh-long-passphrase" },
      });
      expect(res.status, `guess ${i + 1}`).toBe(400);
    }
    const sixth = await callJson("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: "a-fresh-long-passphrase" },
    });
    expect(sixth.status).toBe(429);
    // Enabling MFA (which also checks the password) is throttled for the same user.
    expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(429);
  });

  it("without a client address there is no shared per-IP bucket that would lock everyone out", async () => {
    for (let i = 0; i < 6; i++) {
      await callJson("POST", "/api/auth/sign-in/email", { body: { email: `ghost${i}@${org.slug}.test`, password: "whatever-password" } });
    }
    const other = await createUser(org.id, org.slug, "no-ip", "agent");
    expect((await callJson("POST", "/api/auth/sign-in/email", { body: { email: other.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it("sign-in through the auth library's server API is throttled too", async () => {
    const user = await createUser(org.id, org.slug, "server-api", "requester");
    const headers = new Headers(fromIp("192.0.2.99"));
    for (let i = 0; i < 5; i++) {
      await expect(auth().api.signInEmail({ body: { email: user.email, password: "bad-password-here" }, headers })).rejects.toMatchObject({ statusCode: 401 });
    }
    await expect(auth().api.signInEmail({ body: { email: user.email, password: TEST_PASSWORD }, headers })).rejects.toMatchObject({ statusCode: 429 });
  });
});
