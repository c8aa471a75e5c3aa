import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { AnonymousGate, classifyPath } from "./anonymous-gate";

const SECRET = "gate-unit-secret-gate-unit-secret-0123";
const signed = (token: string) => `helpdesk.session_token=${token}.${createHmac("sha256", SECRET).update(token).digest("base64")}`;
const gate = (inFlight = 100) =>
  new AnonymousGate({
    address: { points: 3, durationSec: 60 },
    global: { points: 5, durationSec: 1 },
    other: { points: 2, durationSec: 1 },
    inFlight,
    secret: SECRET,
    production: false,
  });
const policies = (g: AnonymousGate, reqs: { ip: string | null; url?: string; cookie?: string }[], now = 0) =>
  reqs.map((r) => g.admit({ url: "/api/tickets", cookie: undefined, ...r }, now).refusal?.policy ?? "pass");

describe("the anonymous gate's decisions (S8)", () => {
  it("meters every path but static files, the auth endpoints and the probes; odd spellings are metered", () => {
    for (const p of ["/api/health", "/api/ready", "/api/metrics", "/api/auth/sign-in/email", "/_next/static/chunks/a-1.js", "/icon.svg?x=1", "//api/health"]) {
      expect(classifyPath(p), p).toEqual({ metered: false, page: false });
    }
    for (const p of [
      "/api/tickets",
      "/api/health/",
      "/api/health/../tickets",
      "/_next/static/../../api/tickets",
      "/_next/%2e%2e/api/tickets",
      "/api/auth/",
      "/API/health",
    ]) {
      expect(classifyPath(p).metered, p).toBe(true);
    }
    expect(classifyPath("/app/tickets?q=1")).toEqual({ metered: true, page: true });
    expect(classifyPath("/_next\\..\\api\\tickets")).toEqual({ metered: true, page: true });
  });

  it("an address spends its own budget; IPv6 by /64; a refused request keeps no budget of the crowd", () => {
    const g = gate();
    expect(policies(g, [{ ip: "203.0.113.1" }, { ip: "203.0.113.1" }, { ip: "203.0.113.1" }, { ip: "203.0.113.1" }])).toEqual([
      "pass",
      "pass",
      "pass",
      "api.anonymous",
    ]);
    const v6 = ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::9", "2001:db8:1:2:a:b:c:d"].map((ip) => ({ ip }));
    // Two left of the crowd's five: the /64's third and fourth requests find the crowd empty.
    expect(policies(g, v6)).toEqual(["pass", "pass", "api.global_anonymous", "api.global_anonymous"]);
    expect(policies(g, [{ ip: "2001:db8:1:2::7" }], 1000)).toEqual(["pass"]); // refunded: the /64 had one left
  });

  it("garbage and forged session cookies are anonymous; a correctly signed one passes until the app says it is no session", () => {
    const g = gate();
    const ip = "198.51.100.5";
    const garbage = ["helpdesk.session_token=garbage", `helpdesk.session_token=tok.${"A".repeat(43)}=`, "a=b"];
    expect(
      policies(
        g,
        garbage.map((cookie) => ({ ip, cookie })),
      ),
    ).toEqual(["pass", "pass", "pass"]);
    expect(policies(g, [{ ip, cookie: garbage[0] }])).toEqual(["api.anonymous"]);
    expect(
      policies(
        g,
        Array.from({ length: 10 }, () => ({ ip, cookie: signed("live") })),
      ),
    ).toEqual(Array(10).fill("pass"));

    g.notASession(signed("revoked"), "198.51.100.6", 0);
    expect(
      policies(
        g,
        [1, 2, 3].map(() => ({ ip: "198.51.100.6", cookie: signed("revoked") })),
      ),
    ).toEqual(["pass", "pass", "api.anonymous"]);
    expect(policies(g, [{ ip: "198.51.100.6", cookie: signed("live") }])).toEqual(["pass"]);
  });

  it("unmetered paths have their own per-address ceiling and never spend the metered budget", () => {
    const g = gate();
    const ip = "192.0.2.9";
    const health = Array.from({ length: 12 }, () => ({ ip, url: "/api/health" }));
    const decided = policies(g, health);
    expect(decided.slice(0, 10)).toEqual(Array(10).fill("pass")); // 2 per second, 5 seconds of burst
    expect(decided.slice(10)).toEqual(["anonymous.other", "anonymous.other"]);
    expect(policies(g, [{ ip }])).toEqual(["pass"]);
    expect(g.admit({ ip, url: "/app", cookie: undefined }, 0).refusal).toBeNull();
    g.admit({ ip, url: "/app", cookie: undefined }, 0);
    expect(g.admit({ ip, url: "/app", cookie: undefined }, 0).refusal).toMatchObject({ policy: "api.anonymous", page: true, limit: 3, retryAfterSec: 20 });
  });

  it("at most so many anonymous requests are inside the app at once; signed-in and unmetered ones are not counted", () => {
    const g = gate(2);
    const a = g.admit({ ip: "203.0.113.1", url: "/api/tickets", cookie: undefined }, 0);
    const b = g.admit({ ip: "203.0.113.2", url: "/app", cookie: undefined }, 0);
    expect([a.refusal, b.refusal]).toEqual([null, null]);
    expect(g.admit({ ip: "203.0.113.3", url: "/api/tickets", cookie: undefined }, 0).refusal).toMatchObject({
      policy: "api.global_anonymous",
      retryAfterSec: 1,
    });
    expect(g.admit({ ip: "203.0.113.3", url: "/api/health", cookie: undefined }, 0).refusal).toBeNull();
    expect(g.admit({ ip: "203.0.113.3", url: "/api/tickets", cookie: signed("live") }, 0).refusal).toBeNull();
    // A request with a body is not counted (a slow sender must not hold a place), and does not wait for one.
    expect(g.admit({ ip: "203.0.113.3", url: "/api/tickets", cookie: undefined, body: true }, 0)).toEqual({ refusal: null, release: null });
    a.release?.();
    a.release?.(); // twice is once
    expect(g.admit({ ip: "203.0.113.3", url: "/api/tickets", cookie: undefined }, 0).refusal).toBeNull();
    expect(g.admit({ ip: "203.0.113.4", url: "/api/tickets", cookie: undefined }, 0).refusal).not.toBeNull();
  });

  it("a refused flood is logged at most once a second per policy, with how many were refused since", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const g = gate();
    for (let i = 0; i < 100; i++) g.admit({ ip: "203.0.113.9", url: "/api/tickets", cookie: undefined }, i);
    expect(warn).toHaveBeenCalledTimes(1);
    g.admit({ ip: "203.0.113.9", url: "/api/tickets", cookie: undefined }, 1003);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]![0]).toMatchObject({ event: "rate_limit.gate", policy: "api.anonymous", refused: 97 }); // 3 passed, 1 told at once
  });
});

afterEach(() => vi.restoreAllMocks());
