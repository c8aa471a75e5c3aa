// S8 with Redis: counters are shared by every app instance, and when Redis goes down the app keeps
// serving with a conservative local limit, says so in its logs and reports "degraded" readiness.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { resetLimitersForTests } from "@/lib/rate-limit/limiter";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { startRedis } from "../support/redis-server";

let redis: Awaited<ReturnType<typeof startRedis>>;
let org: TestOrg;

beforeAll(async () => {
  redis = await startRedis();
  process.env.REDIS_URL = redis.url;
  org = await createOrg("redis-limits");
});
afterAll(async () => {
  await redis.stop();
});

describe("rate limits on Redis (S8)", () => {
  it("counters live in Redis: a second app instance continues the same count", async () => {
    const cookie = await signIn(org.agent);
    for (let i = 0; i < 20; i++) expect((await callJson("POST", "/api/tickets", { cookie, body: { title: `w${i}` } })).status).toBe(201);

    const { Redis } = await import("ioredis");
    const client = new Redis(redis.url);
    expect(Number(await client.get(`rl:api.write:${org.agent.id}`))).toBe(20);
    client.disconnect();

    // A fresh set of limiter objects is what another instance would have: it sees the shared count.
    resetLimitersForTests();
    for (let i = 20; i < 30; i++) expect((await callJson("POST", "/api/tickets", { cookie, body: { title: `w${i}` } })).status).toBe(201);
    expect((await callJson("POST", "/api/tickets", { cookie, body: { title: "w31" } })).status).toBe(429);
  });

  it("with Redis stopped the app keeps serving, limits locally at half the budget, logs it and reports degraded readiness", async () => {
    const cookie = await signIn(org.agent2);
    await redis.stop();
    const warn = vi.spyOn(logger, "warn");

    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await callJson("POST", "/api/tickets", { cookie, body: { title: `offline ${i}` } })).status);
    expect(statuses.slice(0, 15)).toEqual(Array(15).fill(201));
    expect(statuses[15]).toBe(429);
    expect(warn.mock.calls.some((c) => (c[0] as { event?: string }).event === "rate_limit.fallback")).toBe(true);

    const ready = await callJson("GET", "/api/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "degraded", checks: { database: "ok", redis: "down" } });
  });
});
