// S8 (issue 9 item 8 follow-up): anonymous traffic over its budget is refused by our
// HTTP server's listener from memory, before the app: no Redis command, no database query. Real HTTP into
// the real listener (trusting one proxy hop, so tests can speak for many addresses), the real route
// handlers behind it (tests/support/gate-server.ts), a private Redis for the shared counters. The same
// over the built app: tests/e2e/anonymous-flood.e2e.test.ts; the latency it buys: npm run bench:flood.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();
process.env.RATE_LIMIT_ANON_PER_MIN = "10";
process.env.RATE_LIMIT_GLOBAL_ANON_PER_SEC = "30";
process.env.RATE_LIMIT_ANON_OTHER_PER_SEC = "4"; // 20 at once (5 seconds' worth)
process.env.RATE_LIMIT_READS_PER_MIN = "100000"; // the signed-in user's own budget is not under test

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/db/client";
import { getRedis } from "@/lib/redis";
import { REFUSAL_HOLD_MS } from "@/server/request-listener";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { startGateServer, type GateServer } from "../support/gate-server";
import { startRedis } from "../support/redis-server";

let redis: Awaited<ReturnType<typeof startRedis>>;
let redisClient: Redis;
let server: GateServer;
let org: TestOrg;
let dbCheckouts = 0;

beforeAll(async () => {
  redis = await startRedis();
  process.env.REDIS_URL = redis.url;
  const { Redis } = await import("ioredis");
  redisClient = new Redis(redis.url);
  org = await createOrg("gate");
  getPool().on("acquire", () => dbCheckouts++);
  // The app's Redis connection up first: until it is, the app's limiters decide locally at half budget.
  const appRedis = getRedis()!;
  if (appRedis.status !== "ready") await new Promise((resolve) => appRedis.once("ready", resolve));
  server = await startGateServer(1);
});
afterAll(async () => {
  await server?.stop();
  redisClient?.disconnect();
  await redis?.stop();
});

type Answer = { status: number; body: string; headers: Headers; ms: number };

async function get(path: string, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return { status: res.status, body: await res.text(), headers: res.headers, ms: performance.now() - started };
}

const atOnce = (n: number, headers: (i: number) => Record<string, string>, path = "/api/tickets", from = 0) =>
  Promise.all(Array.from({ length: n }, (_, i) => get(path, headers(from + i))));

/**
 * `n` requests: the address budget's worth (10) one after another, the rest at once. At once from the
 * start, most would be refused because 8 anonymous requests are already inside the app (the in-flight
 * cap) before the address budget decides anything; those tests are in anonymous-gate.test.ts (unit).
 */
async function flood(n: number, headers: (i: number) => Record<string, string>, path = "/api/tickets") {
  const lead: Answer[] = [];
  for (let i = 0; i < Math.min(n, 10); i++) lead.push(await get(path, headers(i)));
  return [...lead, ...(await atOnce(Math.max(0, n - 10), headers, path, 10))];
}
const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;
const policyOf = (a: Answer) => (JSON.parse(a.body) as { error: { details: { policy: string } } }).error.details.policy;
const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await redisClient.info("stats"))?.[1]);

/** What getting past the listener costs: requests handed to the app, Redis commands, database checkouts. */
async function costOf(work: () => Promise<unknown>) {
  const [reached, db, commandsBefore] = [server.reached(), dbCheckouts, await redisCommands()];
  // Reading the counter is a command itself: measure an idle interval to know what "nothing" reads as.
  const idle = (await redisCommands()) - commandsBefore;
  const start = await redisCommands();
  await work();
  return { reached: server.reached() - reached, db: dbCheckouts - db, redis: (await redisCommands()) - start - idle };
}

describe("a flooding anonymous address is refused before the app (S8)", () => {
  it("its budget reaches the app; the rest is 429 with the API's JSON body and Retry-After, and costs no Redis or database work", async () => {
    const from = { "x-forwarded-for": "203.0.113.10" };
    let first: Answer[] = [];
    const spend = await costOf(async () => {
      first = await flood(60, () => from);
    });
    expect(spend.reached).toBe(10);
    expect([count(first, 401), count(first, 429)]).toEqual([10, 50]);
    expect(spend.redis).toBeGreaterThan(0); // the ones let through are counted on the shared budget too

    const refused = first.find((a) => a.status === 429)!;
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: "rate_limited", message: "Too many requests, slow down", details: { policy: "api.anonymous", retryAfterSec: expect.any(Number) } },
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-limit")).toBe("10");
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(refused.headers.get("content-security-policy")).toContain("default-src 'none'");

    const after = await costOf(() => atOnce(100, () => from));
    expect(after).toEqual({ reached: 0, db: 0, redis: 0 });
  });

  it("a refused answer is held a second (a flooding connection asks less often); one with a body is answered at once and closed", async () => {
    const from = { "x-forwarded-for": "203.0.113.11" };
    await flood(10, () => from);
    const held = await get("/api/tickets", from);
    expect(held.status).toBe(429);
    expect(held.ms).toBeGreaterThanOrEqual(REFUSAL_HOLD_MS - 50);
    const res = await fetch(`${server.url}/api/tickets`, { method: "POST", headers: { ...from, "content-type": "application/json" }, body: '{"title":"x"}' });
    expect(res.status).toBe(429);
    expect(res.headers.get("connection")).toBe("close");
    // A page is told with the 429 page, not JSON.
    const page = await get("/app/tickets", from);
    expect([page.status, page.headers.get("content-type")]).toEqual([429, "text/html; charset=utf-8"]);
    expect(page.body).toContain("Too many requests");
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("no way around the gate (S8)", () => {
  it("rotating IPv6 addresses inside one /64 share one budget", async () => {
    const cost = await costOf(async () => {
      const answers = await flood(40, (i) => ({ "x-forwarded-for": `2001:db8:77:1:${i.toString(16)}:${(i * 7).toString(16)}::${(i + 1).toString(16)}` }));
      expect(count(answers, 429)).toBe(30);
    });
    expect(cost.reached).toBe(10);
    // The next /64 is another subscriber.
    expect((await get("/api/tickets", { "x-forwarded-for": "2001:db8:77:2::1" })).status).toBe(401);
  });

  it("a garbage or forged session cookie is anonymous: it buys no signed-in treatment and no database lookup", async () => {
    const cookies = [
      "helpdesk.session_token=garbage",
      `helpdesk.session_token=${"a".repeat(32)}.${"A".repeat(43)}=`,
      `helpdesk.session_token=${encodeURIComponent(`${"b".repeat(32)}.${"B".repeat(43)}=`)}`,
      "a=b; helpdesk.session_token=x.y",
      "__Host-helpdesk.session_token=whatever",
    ];
    const cost = await costOf(async () => {
      const answers = await flood(50, (i) => ({ "x-forwarded-for": "203.0.113.20", cookie: cookies[i % cookies.length]! }));
      expect([count(answers, 401), count(answers, 429)]).toEqual([10, 40]);
    });
    expect(cost).toMatchObject({ reached: 10, db: 0 });
  });

  it("IPv4-mapped IPv6 spellings of an address are that address", async () => {
    const spellings = ["203.0.113.30", "::ffff:203.0.113.30", "::ffff:cb00:711e", "[::ffff:203.0.113.30]:443"];
    const cost = await costOf(async () => {
      const answers = await flood(40, (i) => ({ "x-forwarded-for": spellings[i % spellings.length]! }));
      expect(count(answers, 429)).toBe(30);
    });
    expect(cost.reached).toBe(10);
  });

  it("a correctly signed cookie of a signed-out session costs one lookup, then counts as anonymous", async () => {
    const cookie = await signIn(org.requester);
    expect((await callJson("POST", "/api/auth/sign-out", { cookie, body: {} })).status).toBe(200);
    const from = { "x-forwarded-for": "203.0.113.40", cookie };
    // The first replay reaches the app, which finds no session and tells the gate.
    expect((await get("/api/tickets", from)).status).toBe(401);
    const cost = await costOf(async () => {
      const answers = await flood(40, () => from);
      expect([count(answers, 401), count(answers, 429)]).toEqual([9, 31]);
    });
    expect(cost.reached).toBe(9);
  });
});

describe("signed-in users are served through an anonymous flood (S8)", () => {
  it("from the flooding address itself, and while the anonymous crowd's global budget is spent", async () => {
    const cookie = await signIn(org.agent);
    const from = { "x-forwarded-for": "203.0.113.50" };
    const crowd = atOnce(100, (i) => ({ "x-forwarded-for": `198.18.1.${i + 1}` }));
    const own = flood(60, () => from);
    const mine: number[] = [];
    for (let i = 0; i < 5; i++) mine.push((await get("/api/tickets", { ...from, cookie })).status);
    const [crowdAnswers, ownAnswers] = await Promise.all([crowd, own]);
    expect(mine).toEqual([200, 200, 200, 200, 200]);
    expect(count(ownAnswers, 429)).toBeGreaterThanOrEqual(50);
    // 30 a second and 8 at once for all anonymous callers of this instance: most of the 100 were refused.
    const crowdRefused = crowdAnswers.filter((a) => a.status === 429);
    expect(crowdRefused.length).toBeGreaterThanOrEqual(50);
    expect(new Set(crowdRefused.map(policyOf))).toEqual(new Set(["api.global_anonymous"]));
  });
});

describe("probes are throttled too (S16, S8)", () => {
  it("health has its own per-address ceiling, apart from the API budget", async () => {
    const from = { "x-forwarded-for": "203.0.113.60" };
    await flood(12, () => from); // the address's API budget is spent…
    const answers = await atOnce(30, () => from, "/api/health");
    // …and health still answers, up to its own ceiling (4 a second, 20 at once).
    expect([count(answers, 200), count(answers, 429)]).toEqual([20, 10]);
    expect(new Set(answers.filter((a) => a.status === 429).map(policyOf))).toEqual(new Set(["anonymous.other"]));
  });

  it("a burst of readiness probes costs at most a couple of database queries", async () => {
    const cost = await costOf(async () => {
      const answers = await atOnce(20, () => ({ "x-forwarded-for": "203.0.113.61" }), "/api/ready");
      expect(count(answers, 200)).toBe(20);
    });
    expect(cost.reached).toBe(20);
    expect(cost.db).toBeLessThanOrEqual(2);
  });
});
