// S8 over the built app served by scripts/serve.ts (issue 9 item 8 follow-up): an
// anonymous flood is answered by our HTTP server's gate, so Next's request counter and the shared Redis do
// not move, while a signed-in user keeps getting answers. Also proves the app (bundled by Next) and the
// server share one gate: a signed-out cookie the app rejects once is anonymous at the gate afterwards.
// The listener in detail: tests/integration/anonymous-gate.test.ts; the latency: npm run bench:flood.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { startRedis } from "../support/redis-server";

const METRICS_TOKEN = "e2e-metrics-token-0123456789";
let redis: Awaited<ReturnType<typeof startRedis>>;
let redisClient: Redis;
let app: AppServer;
let org: TestOrg;

beforeAll(async () => {
  redis = await startRedis();
  const { Redis } = await import("ioredis");
  redisClient = new Redis(redis.url);
  [app, org] = await Promise.all([
    startAppServer({
      databaseUrl: inject("databaseUrl"),
      authSecret: inject("authSecret"),
      env: {
        REDIS_URL: redis.url,
        METRICS_TOKEN,
        TRUST_PROXY_HOPS: "1",
        RATE_LIMIT_ANON_PER_MIN: "10",
        RATE_LIMIT_READS_PER_MIN: "1000",
      },
    }),
    createOrg("flood-http"),
  ]);
  // Until the app's Redis connection is up its limiters decide locally at half budget: wait for it.
  for (let i = 0; i < 40 && JSON.parse((await get("/api/ready")).body).checks.redis !== "ok"; i++) await new Promise((r) => setTimeout(r, 250));
});
afterAll(async () => {
  await app?.stop();
  redisClient?.disconnect();
  await redis?.stop();
});

type Answer = { status: number; body: string; headers: Headers };
const get = async (path: string, headers: Record<string, string> = {}): Promise<Answer> => {
  const res = await fetch(`${app.baseUrl}${path}`, { headers, redirect: "manual" });
  return { status: res.status, body: await res.text(), headers: res.headers };
};
const atOnce = (n: number, headers: (i: number) => Record<string, string>, from = 0) =>
  Promise.all(Array.from({ length: n }, (_, i) => get("/api/tickets", headers(from + i))));
/** The address budget's worth (10) one after another, the rest at once (at once from the start, the cap of 8 anonymous requests inside the app would refuse most first). */
async function flood(n: number, headers: (i: number) => Record<string, string>) {
  const lead: Answer[] = [];
  for (let i = 0; i < Math.min(n, 10); i++) lead.push(await get("/api/tickets", headers(i)));
  return [...lead, ...(await atOnce(Math.max(0, n - 10), headers, 10))];
}
const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

/** Requests the app's pipeline handled for the ticket list (any status), and refusals at the gate. */
async function counters() {
  const text = (await get("/api/metrics", { authorization: `Bearer ${METRICS_TOKEN}` })).body;
  const sum = (re: RegExp) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    pipeline: sum(/^helpdesk_http_requests_total\{route="tickets\.list",[^}]*\} (\d+)$/gm),
    gate: sum(/^helpdesk_anonymous_gate_refused_total\{[^}]*\} (\d+)$/gm),
    redis: Number(/total_commands_processed:(\d+)/.exec(await redisClient.info("stats"))?.[1]),
  };
}

/** The counters' change over `work`, less what reading them costs (one INFO per read). */
async function costOf(work: () => Promise<unknown>) {
  const a = await counters();
  const b = await counters();
  await work();
  const c = await counters();
  return { pipeline: c.pipeline - b.pipeline, gate: c.gate - b.gate, redis: c.redis - b.redis - (b.redis - a.redis) };
}

describe("an anonymous flood never reaches Next (S8)", () => {
  it("a flooding address: its budget reaches the app, the rest is the API's 429 from the gate, with no Redis command", async () => {
    const from = { "x-forwarded-for": "203.0.113.10" };
    const first = await flood(60, () => from);
    expect([count(first, 401), count(first, 429)]).toEqual([10, 50]);
    const refused = first.find((a) => a.status === 429)!;
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited", details: { policy: "api.anonymous" } } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    const cost = await costOf(async () => expect(count(await atOnce(100, () => from), 429)).toBe(100));
    expect(cost).toEqual({ pipeline: 0, gate: 100, redis: 0 });
  });

  it("rotating a /64, a garbage session cookie, IPv4-mapped spellings and a signed-out cookie all stay behind the gate", async () => {
    const signedOut = await signIn(org.requester);
    expect((await callJson("POST", "/api/auth/sign-out", { cookie: signedOut, body: {} })).status).toBe(200);
    // The app finds no session behind it once, and tells the server's gate (one process, two module copies).
    expect((await get("/api/tickets", { "x-forwarded-for": "203.0.113.24", cookie: signedOut })).status).toBe(401);

    const variants: Record<string, (i: number) => Record<string, string>> = {
      // First, right after its one lookup (its address's budget refills a token every 6 s).
      "signed-out cookie": () => ({ "x-forwarded-for": "203.0.113.24", cookie: signedOut }),
      "one /64": (i) => ({ "x-forwarded-for": `2001:db8:99:1::${(i + 1).toString(16)}` }),
      "garbage cookie": (i) => ({
        "x-forwarded-for": "203.0.113.21",
        cookie: i % 2 ? "helpdesk.session_token=garbage" : `helpdesk.session_token=x.${"A".repeat(43)}=`,
      }),
      "IPv4-mapped": (i) => ({ "x-forwarded-for": ["203.0.113.22", "::ffff:203.0.113.22", "::ffff:cb00:7116"][i % 3]! }),
    };
    for (const [name, headers] of Object.entries(variants)) {
      const budget = name === "signed-out cookie" ? 9 : 10;
      const cost = await costOf(async () => {
        const answers = await flood(40, headers);
        expect(count(answers, 429), name).toBe(40 - budget);
      });
      expect(cost.pipeline, name).toBe(budget);
      expect(cost.gate, name).toBe(40 - budget);
    }
  });

  it("a signed-in user keeps getting answers while 200 anonymous requests from the same address are refused", async () => {
    const cookie = await signIn(org.agent);
    const anonymous = atOnce(200, () => ({}));
    const mine: number[] = [];
    for (let i = 0; i < 5; i++) mine.push((await get("/api/tickets", { cookie })).status);
    const refused = count(await anonymous, 429);
    expect(mine).toEqual([200, 200, 200, 200, 200]);
    expect(refused).toBeGreaterThanOrEqual(190);
  });
});
