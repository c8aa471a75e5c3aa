// Issue 13, customer satisfaction in the reports: on random answers (and questions withdrawn, expired or
// still open), GET /api/reports' `satisfaction` equals a direct SQL computation over satisfaction_ratings
// and satisfaction_requests — in total, per day and per week, per priority and per team, the response
// rate and the latest comments — under the filters (range, team, priority). Another organization's
// answers are never counted or shown; agents read it only while the organization allows reports; the CSV
// sections carry the same numbers, with comments that look like formulas neutralised (S18).
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { teams, tickets } from "@/db/schema";
import { call, callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";

const DAY = 86_400_000;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

type Filter = { from: string; to: string; teamId?: string; priority?: (typeof PRIORITIES)[number]; granularity?: "day" | "week" };
// biome-ignore lint/suspicious/noExplicitAny: report bodies are checked field by field below
type Json = Record<string, any>;

const qs = (f: Filter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined) as [string, string][]).toString();

/**
 * Tickets with one to three resolutions each; each resolution asked, then answered, withdrawn (reopened
 * before an answer) or left open/expired. Returns nothing: the database is the record.
 */
async function seedAnswers(org: TestOrg, teamIds: (string | null)[], rnd: ReturnType<typeof prng>, n: number, comment: (i: number) => string | null) {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const created = now - 80 * DAY + rnd.int(75 * DAY);
    const [ticket] = await db()
      .insert(tickets)
      .values({
        organizationId: org.id,
        number: 2000 + i,
        title: `csat ${i}`,
        descriptionMd: "x",
        requesterId: org.requester.id,
        priority: rnd.pick(PRIORITIES),
        teamId: rnd.pick(teamIds),
        createdAt: new Date(created),
        updatedAt: new Date(created),
      })
      .returning({ id: tickets.id });
    let at = created;
    const resolutions = 1 + rnd.int(3);
    for (let resolution = 1; resolution <= resolutions; resolution++) {
      at += rnd.int(6 * DAY) + 60_000;
      if (at > now) break;
      const fate = rnd.pick(["answered", "answered", "answered", "withdrawn", "open"] as const);
      const answeredAt = fate === "answered" ? Math.min(now, at + rnd.int(4 * DAY)) : null;
      const [request] = (
        await db().execute<{ id: string; priority: string; team_id: string | null }>(sql`
          insert into satisfaction_requests (organization_id, ticket_id, resolution, requester_id, assignee_id, team_id, priority, token_hash,
            resolved_at, expires_at, answered_at, withdrawn_at)
          values (${org.id}, ${ticket!.id}, ${resolution}, ${org.requester.id}, ${org.agent.id}, ${rnd.pick(teamIds)}, ${rnd.pick(PRIORITIES)},
            ${randomBytes(32).toString("hex")}, ${new Date(at).toISOString()}::timestamptz, ${new Date(at + 14 * DAY).toISOString()}::timestamptz,
            ${answeredAt === null ? null : new Date(answeredAt).toISOString()}::timestamptz,
            ${fate === "withdrawn" ? new Date(at + DAY).toISOString() : null}::timestamptz)
          returning id, priority, team_id`)
      ).rows;
      if (answeredAt !== null) {
        await db().execute(sql`
          insert into satisfaction_ratings (organization_id, request_id, ticket_id, resolution, rating, comment, requester_id, assignee_id,
            team_id, priority, resolved_at, answered_at)
          values (${org.id}, ${request!.id}, ${ticket!.id}, ${resolution}, ${rnd.next() < 0.7 ? "good" : "bad"}, ${rnd.next() < 0.5 ? comment(i) : null},
            ${org.requester.id}, ${org.agent.id}, ${request!.team_id}, ${request!.priority}::ticket_priority,
            ${new Date(at).toISOString()}::timestamptz, ${new Date(answeredAt).toISOString()}::timestamptz)`);
      }
    }
  }
}

/** The satisfaction part of a report, straight from the answers and questions. */
async function direct(orgId: string, f: Filter) {
  const dims = sql`${f.teamId ? sql` and team_id = ${f.teamId}::uuid` : sql``}${f.priority ? sql` and priority = ${f.priority}::ticket_priority` : sql``}`;
  const onDays = (col: string) => sql`(${sql.raw(col)} at time zone 'UTC')::date between ${f.from}::date and ${f.to}::date`;
  const rows = async (q: ReturnType<typeof sql>) => (await db().execute<Record<string, unknown>>(q)).rows;
  const counts = (by: string) =>
    rows(sql`select ${sql.raw(by)}::text as key, count(*) filter (where rating = 'good')::int as good, count(*) filter (where rating = 'bad')::int as bad
      from satisfaction_ratings where organization_id = ${orgId}::uuid and ${onDays("answered_at")}${dims} group by 1`);
  const [asked] = await rows(sql`select count(*)::int as asked, count(answered_at)::int as answered from satisfaction_requests
    where organization_id = ${orgId}::uuid and withdrawn_at is null and ${onDays("resolved_at")}${dims}`);
  const comments = await rows(sql`select ticket_id, rating, comment, answered_at from satisfaction_ratings
    where organization_id = ${orgId}::uuid and comment is not null and ${onDays("answered_at")}${dims}
    order by answered_at desc, id desc limit 10`);
  return {
    perDay: await counts("(answered_at at time zone 'UTC')::date"),
    perPriority: await counts("priority"),
    perTeam: await counts("coalesce(team_id::text, '-')"),
    asked: asked!,
    comments,
  };
}

const share = (good: number, bad: number) => ({ good, bad, goodShare: good + bad > 0 ? good / (good + bad) : null });

async function expectSatisfactionMatches(cookie: string, orgId: string, f: Filter) {
  const res = await callJson("GET", `/api/reports?${qs(f)}`, { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const got: Json = res.body.satisfaction;
  const want = await direct(orgId, f);
  const label = JSON.stringify(f);
  const of = (xs: Record<string, unknown>[], key: string) => {
    const r = xs.find((x) => x.key === key);
    return share(Number(r?.good ?? 0), Number(r?.bad ?? 0));
  };
  const total = want.perDay.reduce<{ good: number; bad: number }>((t, r) => ({ good: t.good + Number(r.good), bad: t.bad + Number(r.bad) }), {
    good: 0,
    bad: 0,
  });
  expect(got.overall, `overall ${label}`).toEqual(share(total.good, total.bad));
  expect({ asked: got.asked, answered: got.answered, responseRate: got.responseRate }, `asked ${label}`).toEqual({
    asked: want.asked.asked,
    answered: want.asked.answered,
    responseRate: Number(want.asked.asked) > 0 ? Number(want.asked.answered) / Number(want.asked.asked) : null,
  });
  // Per period: each period's days summed (a week starts on its Monday, or on the range's first day).
  for (const p of got.byPeriod as Json[]) {
    const days = want.perDay.filter(
      (d) => (d.key as string) >= p.period && (d.key as string) < (got.byPeriod.find((q: Json) => q.period > p.period)?.period ?? "9999"),
    );
    const sum = days.reduce<{ good: number; bad: number }>((t, r) => ({ good: t.good + Number(r.good), bad: t.bad + Number(r.bad) }), { good: 0, bad: 0 });
    expect({ period: p.period, good: p.good, bad: p.bad, goodShare: p.goodShare }, `period ${p.period} ${label}`).toEqual({
      period: p.period,
      ...share(sum.good, sum.bad),
    });
  }
  expect(got.byPeriod.reduce((n: number, p: Json) => n + p.good + p.bad, 0)).toBe(total.good + total.bad);
  for (const p of got.byPriority as Json[])
    expect({ good: p.good, bad: p.bad, goodShare: p.goodShare }, `priority ${p.priority} ${label}`).toEqual(of(want.perPriority, p.priority));
  for (const t of got.byTeam as Json[])
    expect({ good: t.good, bad: t.bad, goodShare: t.goodShare }, `team ${t.teamId} ${label}`).toEqual(of(want.perTeam, t.teamId ?? "-"));
  // Every answer of the range is in some team row.
  expect(
    got.byTeam.reduce((n: number, t: Json) => n + t.good + t.bad, 0),
    `teams ${label}`,
  ).toBe(total.good + total.bad);
  expect(
    got.comments.map((c: Json) => [c.ticketId, c.rating, c.comment, c.answeredAt]),
    `comments ${label}`,
  ).toEqual(want.comments.map((c) => [c.ticket_id, c.rating, c.comment, new Date(c.answered_at as string).toISOString()]));
  return got;
}

describe("customer satisfaction in the reports (issue 13)", () => {
  let org: TestOrg;
  let other: TestOrg;
  let cookie: string;
  let billing: string;
  const seed = Number(process.env.REPORTS_SEED ?? Math.floor(Math.random() * 1e9));
  const now = Date.now();
  const OTHER_COMMENT = "other organization's words";

  beforeAll(async () => {
    [org, other] = await Promise.all([createOrg("csat-report"), createOrg("csat-other")]);
    cookie = await signIn(org.admin);
    const [team] = await db().insert(teams).values({ organizationId: org.id, name: "Billing" }).returning();
    billing = team!.id;
    const rnd = prng(seed);
    await seedAnswers(org, [org.teamId, billing, null], rnd, 90, (i) =>
      i % 7 === 0 ? `=HYPERLINK("http://evil.test","x") ${i}` : i % 5 === 0 ? `<img src=x onerror=alert(${i})> line one\nline two` : `comment ${i}`,
    );
    // Another organization's answers, on the same days, with the same team choices as far as it has them.
    await seedAnswers(other, [other.teamId, null], prng(seed + 1), 60, () => OTHER_COMMENT);
  });

  it(`equals a direct computation under every filter (seed ${seed})`, async () => {
    const from = isoDay(now - 59 * DAY);
    const to = isoDay(now);
    const filters: Filter[] = [
      { from, to },
      { from, to, granularity: "week" },
      { from, to, teamId: billing },
      { from, to, priority: "urgent" },
      { from, to, teamId: org.teamId, priority: "high", granularity: "week" },
      { from: isoDay(now - 30 * DAY), to: isoDay(now - 10 * DAY) },
      { from: isoDay(now - 200 * DAY), to },
    ];
    let answers = 0;
    for (const f of filters) {
      const got = await expectSatisfactionMatches(cookie, org.id, f);
      answers += got.overall.good + got.overall.bad;
      expect(JSON.stringify(got)).not.toContain(OTHER_COMMENT);
      expect(JSON.stringify(got)).not.toContain(other.teamId);
    }
    expect(answers, "the random data has answers").toBeGreaterThan(0);
    // The whole range counts every answer of the organization, and none of the other's.
    const all = await callJson("GET", `/api/reports?${qs({ from: isoDay(now - 200 * DAY), to })}`, { cookie });
    const [mine] = (await db().execute<{ n: number }>(sql`select count(*)::int as n from satisfaction_ratings where organization_id = ${org.id}::uuid`)).rows;
    expect(all.body.satisfaction.overall.good + all.body.satisfaction.overall.bad).toBe(mine!.n);
  });

  it("the other organization sees only its own answers", async () => {
    const otherCookie = await signIn(other.admin);
    const from = isoDay(now - 200 * DAY);
    const to = isoDay(now);
    const got = await expectSatisfactionMatches(otherCookie, other.id, { from, to });
    expect(got.comments.every((c: Json) => c.comment === OTHER_COMMENT)).toBe(true);
    expect((await callJson("GET", `/api/reports?teamId=${billing}`, { cookie: otherCookie })).status).toBe(404);
  });

  it("agents read it only while the organization allows reports; requesters never", async () => {
    const agent = await signIn(org.agent);
    const requester = await signIn(org.requester);
    expect((await callJson("GET", "/api/reports", { cookie: agent })).status).toBe(403);
    expect((await call("GET", "/api/reports/csv?section=satisfaction-comments", { cookie: agent })).status).toBe(403);
    await db().execute(sql`update organizations set agent_reports_allowed = true where id = ${org.id}::uuid`);
    try {
      const res = await callJson("GET", "/api/reports", { cookie: agent });
      expect(res.status).toBe(200);
      expect(res.body.satisfaction).toMatchObject({ overall: expect.any(Object), comments: expect.any(Array) });
      expect((await call("GET", "/api/reports/csv?section=satisfaction", { cookie: agent })).status).toBe(200);
      expect((await callJson("GET", "/api/reports", { cookie: requester })).status).toBe(403);
      expect((await call("GET", "/api/reports/csv?section=satisfaction-comments", { cookie: requester })).status).toBe(403);
    } finally {
      await db().execute(sql`update organizations set agent_reports_allowed = false where id = ${org.id}::uuid`);
    }
    expect((await callJson("GET", "/api/reports", { cookie: agent })).status).toBe(403);
  });

  it("the CSV sections carry the same numbers; comments that look like formulas are neutralised", async () => {
    const f = { from: isoDay(now - 200 * DAY), to: isoDay(now) };
    const report = (await callJson("GET", `/api/reports?${qs(f)}`, { cookie })).body.satisfaction;
    const res = await call("GET", `/api/reports/csv?${qs(f)}&section=satisfaction`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe('"by","name","good","bad","good_percent","asked","answered","response_rate_percent"');
    const pct = (x: number | null) => (x === null ? "" : String(Math.round(x * 1000) / 10));
    expect(lines[1]).toBe(
      `"all","all",${report.overall.good},${report.overall.bad},${pct(report.overall.goodShare)},${report.asked},${report.answered},${pct(report.responseRate)}`,
    );
    expect(lines.filter((l) => l.startsWith('"period"'))).toHaveLength(201);

    const comments = await call("GET", `/api/reports/csv?${qs(f)}&section=satisfaction-comments`, { cookie });
    expect(comments.status).toBe(200);
    const text = await comments.text();
    expect(text.split("\n")[0]).toBe('"answered_at","ticket_id","ticket_number","ticket_title","rating","comment"');
    expect(text).not.toContain(OTHER_COMMENT);
    if (report.comments.some((c: Json) => c.comment.startsWith("="))) {
      expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")`);
      expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    }
    // The rows are the report's comments, in its order.
    expect(text.match(/^"\d{4}-\d{2}-\d{2}T/gm)?.length ?? 0).toBe(report.comments.length);
  });
});
