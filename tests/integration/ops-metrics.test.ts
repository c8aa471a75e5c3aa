// Issue 14 "Metrics that an operator alerts on" (S13): /api/metrics serves request durations per route
// PATTERN (a bounded label set: a scan of random paths adds no series), the database pool, pg-boss queue
// depth and age, the outbox backlog, SLA breaches and the breach scan's lag, the last audit verification
// and clamd's availability — read from the real database, pg-boss and a real clamd — and only to the
// bearer of METRICS_TOKEN (the scrape-time reads cost nothing without it).
process.env.METRICS_TOKEN = "metrics-token-for-the-ops-test-0123456789";

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxMessages, slaEvents, ticketSla } from "@/db/schema";
import { startBoss, stopBoss } from "@/jobs/boss";
import { metrics } from "@/lib/metrics";
import { forgetOpsMetrics } from "@/lib/ops-metrics";
import { call } from "../support/api";
import { type ClamdHandle, startClamd } from "../support/clamd";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let agent: string;
let clamd: ClamdHandle;
let boss: PgBoss;

beforeAll(async () => {
  clamd = await startClamd();
  // Read lazily by env() on this file's first request.
  process.env.CLAMD_HOST = clamd.host;
  process.env.CLAMD_PORT = String(clamd.port);
  // pg-boss's schema and queues, as the worker creates them; nothing here works the jobs.
  boss = await startBoss(process.env.DATABASE_URL!, { schedule: false });
  org = await createOrg("ops-metrics");
  agent = await signIn(org.agent);
});

afterAll(async () => {
  await stopBoss(boss);
  await clamd?.stop();
});

async function scrape(): Promise<string> {
  forgetOpsMetrics();
  const res = await call("GET", "/api/metrics", { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series, by its exact name and label set as the registry prints it (labels in order). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("request durations per route pattern", () => {
  it("labels by the route table's pattern and method, never the raw path; unknown paths share one series", async () => {
    const id = randomUUID();
    expect((await call("GET", `/api/tickets/${id}`, { cookie: agent })).status).toBe(404);
    expect((await call("GET", "/api/tickets", { cookie: agent })).status).toBe(200);
    const junk = `/api/no-such-${randomUUID()}/x`;
    expect((await call("GET", junk)).status).toBe(404);
    const text = await scrape();
    expect(text).toContain("# TYPE helpdesk_http_route_duration_seconds histogram");
    expect(value(text, 'helpdesk_http_route_duration_seconds_count{route="/api/tickets/[id]",method="GET",status_class="4xx"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'helpdesk_http_route_duration_seconds_count{route="/api/tickets",method="GET",status_class="2xx"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'helpdesk_http_route_duration_seconds_count{route="unmatched",method="GET",status_class="4xx"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/helpdesk_http_route_duration_seconds_bucket\{le="0\.1",route="\/api\/tickets",method="GET",status_class="2xx"\} \d+/);
    // Bounded cardinality: neither the id nor the junk path became a label value.
    expect(text).not.toContain(id);
    expect(text).not.toContain("no-such-");
  });
});

describe("database pool", () => {
  it("reports this process's pool: connections, idle, waiting and its ceiling", async () => {
    const text = await scrape();
    expect(value(text, 'helpdesk_db_pool_max_connections{pool="primary"}')).toBe(Number(process.env.DB_POOL_MAX));
    expect(value(text, 'helpdesk_db_pool_connections{pool="primary"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'helpdesk_db_pool_idle_connections{pool="primary"}')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'helpdesk_db_pool_waiting_requests{pool="primary"}')).toBe(0);
  });
});

describe("job queues (pg-boss)", () => {
  it("counts waiting jobs per queue and reports the oldest one's age", async () => {
    // A job nobody works: a queue of its own, so the test's workers elsewhere never take it.
    const queue = `ops-metrics-${randomUUID().slice(0, 8)}`;
    await boss.createQueue(queue);
    await boss.send(queue, {});
    await boss.send(queue, {});
    await db().execute(sql`UPDATE pgboss.job SET created_on = now() - interval '10 minutes' WHERE name = ${queue}`);
    const text = await scrape();
    expect(value(text, `helpdesk_job_queue_depth{queue="${queue}",state="created"}`)).toBe(2);
    expect(value(text, `helpdesk_job_queue_oldest_age_seconds{queue="${queue}"}`)).toBeGreaterThanOrEqual(600);
    await boss.purgeQueue(queue);
    expect(await scrape()).not.toContain(`queue="${queue}"`);
  });
});

describe("outbox backlog", () => {
  it("counts pending and dead messages per channel, zero included, and the oldest due one's age", async () => {
    const before = await scrape();
    expect(value(before, 'helpdesk_outbox_backlog{channel="webhook",status="dead"}')).toBeGreaterThanOrEqual(0);
    const [dead] = await db()
      .insert(outboxMessages)
      .values({ organizationId: org.id, channel: "webhook", eventType: "ops.test", payload: { event: "ops.test", body: "{}" }, status: "dead" })
      .returning();
    // Pending since 20 minutes, due in an hour (a backoff): not taken by another file's delivery run.
    const [waiting] = await db()
      .insert(outboxMessages)
      .values({
        organizationId: org.id,
        channel: "webhook",
        eventType: "ops.test",
        payload: { event: "ops.test", body: "{}" },
        createdAt: sql`now() - interval '20 minutes'`,
        nextAttemptAt: sql`now() + interval '1 hour'`,
      })
      .returning();
    const deadBefore = value(before, 'helpdesk_outbox_backlog{channel="webhook",status="dead"}')!;
    const pendingBefore = value(before, 'helpdesk_outbox_backlog{channel="webhook",status="pending"}')!;
    let text = await scrape();
    expect(value(text, 'helpdesk_outbox_backlog{channel="webhook",status="dead"}')).toBeGreaterThanOrEqual(deadBefore + 1);
    expect(value(text, 'helpdesk_outbox_backlog{channel="webhook",status="pending"}')).toBeGreaterThanOrEqual(pendingBefore + 1);
    // Now due: the oldest DUE pending message is at least 20 minutes old.
    await db().execute(sql`UPDATE outbox_messages SET next_attempt_at = now() WHERE id = ${waiting!.id}`);
    text = await scrape();
    expect(value(text, "helpdesk_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(1200);
    await db().execute(sql`DELETE FROM outbox_messages WHERE id IN (${waiting!.id}, ${dead!.id})`);
  });
});

describe("SLA", () => {
  it("counts the last hour's breaches per clock kind and reports how late the breach scan is", async () => {
    const kind = (t: string) => value(t, `helpdesk_sla_breaches_last_hour{kind="resolution"}`)!;
    const before = await scrape();
    expect(value(before, 'helpdesk_sla_breaches_last_hour{kind="first_response"}')).toBeGreaterThanOrEqual(0);
    const ticket = await createTicketAs(agent, { title: "ops metrics breach", priority: "urgent" });
    // The breach as the scan records it (one row per clock and type), and one from two hours ago that no
    // longer counts.
    await db()
      .insert(slaEvents)
      .values([
        { organizationId: org.id, ticketId: ticket.id, kind: "resolution", type: "breach", clockStartedAt: new Date(), dueAt: new Date() },
        {
          organizationId: org.id,
          ticketId: ticket.id,
          kind: "resolution",
          type: "breach",
          clockStartedAt: new Date(Date.now() - 7_200_000),
          dueAt: new Date(Date.now() - 7_200_000),
          createdAt: new Date(Date.now() - 7_200_000),
        },
        { organizationId: org.id, ticketId: ticket.id, kind: "resolution", type: "warning", clockStartedAt: new Date(), dueAt: new Date() },
      ]);
    // A check the scan should have made 15 minutes ago and has not: it is that late at least.
    await db().execute(sql`UPDATE ${ticketSla} SET next_check_at = now() - interval '15 minutes' WHERE ticket_id = ${ticket.id}`);
    const text = await scrape();
    expect(kind(text) - kind(before)).toBeGreaterThanOrEqual(1);
    expect(value(text, "helpdesk_sla_scan_lag_seconds")).toBeGreaterThanOrEqual(900);
    await db().execute(sql`UPDATE ${ticketSla} SET next_check_at = NULL WHERE ticket_id = ${ticket.id}`);
  });
});

describe("last audit verification", () => {
  async function finishedRun(state: "completed" | "failed", broken: string[], minutesAgo: number) {
    // A finished run of the scheduled job as pg-boss records it: its state, the handler's output, when it ended.
    await db().execute(sql`
      INSERT INTO pgboss.job (name, data, state, output, started_on, completed_on)
      VALUES ('audit-verify', '{}'::jsonb, ${state}::pgboss.job_state, ${JSON.stringify({ organizations: 3, broken })}::jsonb,
              now() - make_interval(mins => ${minutesAgo}), now() - make_interval(mins => ${minutesAgo}))`);
  }

  it("reports 1 when every chain verified, 0 when one broke or the run failed, with the run's age", async () => {
    await finishedRun("completed", [], 1);
    let text = await scrape();
    expect(value(text, "helpdesk_audit_verify_last_ok")).toBe(1);
    expect(value(text, "helpdesk_audit_verify_last_age_seconds")).toBeGreaterThanOrEqual(59);

    await finishedRun("completed", ["acme"], 0);
    text = await scrape();
    expect(value(text, "helpdesk_audit_verify_last_ok")).toBe(0);
    expect(value(text, "helpdesk_audit_verify_last_age_seconds")).toBeLessThan(30);

    await finishedRun("failed", [], 0);
    expect(value(await scrape(), "helpdesk_audit_verify_last_ok")).toBe(0);
    await db().execute(sql`DELETE FROM pgboss.job WHERE name = 'audit-verify' AND output ? 'organizations' AND (output ->> 'organizations') = '3'`);
  });
});

describe("scanner availability", () => {
  it("is 1 while clamd answers PING and 0 once it is gone", async () => {
    expect(value(await scrape(), "helpdesk_scanner_up")).toBe(1);
    await clamd.stop();
    expect(value(await scrape(), "helpdesk_scanner_up")).toBe(0);
    await clamd.restart();
    expect(value(await scrape(), "helpdesk_scanner_up")).toBe(1);
  });
});

describe("who may read it (S8, docs/security.md)", () => {
  it("is a 404 without the token or with a wrong one, and those requests read nothing from the database", async () => {
    const statements = async () => (await metrics().dbStatements.get()).values[0]?.value ?? 0;
    await scrape();
    forgetOpsMetrics();
    const before = await statements();
    const token = process.env.METRICS_TOKEN!;
    const attempts: [string, Record<string, string>][] = [
      ["/api/metrics", {}],
      ["/api/metrics", { authorization: "Bearer wrong-token-of-the-same-length-0123456" }],
      ["/api/metrics", { authorization: `Basic ${token}` }],
      ["/api/metrics", { authorization: `Bearer ${token.slice(0, -1)}` }],
      [`/api/metrics?token=${token}`, {}],
    ];
    for (const [path, headers] of attempts) {
      const res = await call("GET", path, { headers });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await statements()).toBe(before);
    // A signed-in session is no token either (its own lookup and the denial's audit row are the pipeline's).
    expect((await call("GET", "/api/metrics", { cookie: agent })).status).toBe(404);
    // The bearer's scrape does read (the cache was forgotten): the counter is the right one to watch.
    const afterDenied = await statements();
    await call("GET", "/api/metrics", { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } });
    expect(await statements()).toBeGreaterThan(afterDenied);
  });
});
