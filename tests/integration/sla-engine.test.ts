// SLA engine through the API (S9, D6, S17): admin-editable policies and business calendar, deadlines kept
// in step with pauses, priority changes, replies, resolve and reopen (each change audited in the same
// transaction), and the queue sorted and filtered by SLA with correct keyset pagination.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, ticketSla } from "@/db/schema";
import { fixedClock, setClock } from "@/lib/clock";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
const cookies: Record<string, string> = {};
let restoreClock: (() => void) | undefined;
const clock = fixedClock(new Date());

const nineToFive = [{ start: "09:00", end: "17:00" }];
const CONFIG = {
  timeZone: "America/New_York",
  alwaysOpen: false,
  weeklyHours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ["2026-11-19"],
  warningLeadMinutes: 30,
  policies: [
    { priority: "low", firstResponseMinutes: 480, nextReplyMinutes: null, resolutionMinutes: 2400, pauseWhenPending: false },
    { priority: "normal", firstResponseMinutes: 240, nextReplyMinutes: 240, resolutionMinutes: 1440, pauseWhenPending: true },
    { priority: "high", firstResponseMinutes: 60, nextReplyMinutes: 60, resolutionMinutes: 480, pauseWhenPending: true },
    { priority: "urgent", firstResponseMinutes: 30, nextReplyMinutes: 20, resolutionMinutes: 240, pauseWhenPending: true },
  ],
};

beforeAll(async () => {
  org = await createOrg("sla-engine");
  for (const k of ["admin", "agent", "requester"] as const) cookies[k] = await signIn(org[k]);
});

afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
});

function at(iso: string) {
  clock.set(new Date(iso));
  restoreClock ??= setClock(clock);
}

async function slaAudits(ticketId: string) {
  const rows = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, ticketId), eq(auditEvents.action, "sla.deadlines_changed")));
  return rows.sort((a, b) => a.seq - b.seq).map((r) => r.data as { cause: string; to: Record<string, string | null> });
}

const patch = (id: string, body: unknown, cookie = cookies.agent) => callJson("PATCH", `/api/tickets/${id}`, { cookie, body });

describe("SLA policies admin API (S17, D6)", () => {
  it("admins read and replace policies and business hours; the change is audited", async () => {
    const before = await callJson("GET", "/api/admin/sla-policies", { cookie: cookies.admin });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ alwaysOpen: true, timeZone: "UTC" });
    expect(before.body.policies.map((p: { priority: string }) => p.priority)).toEqual(["low", "normal", "high", "urgent"]);

    const put = await callJson("PUT", "/api/admin/sla-policies", { cookie: cookies.admin, body: CONFIG });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual(CONFIG);
    expect((await callJson("GET", "/api/admin/sla-policies", { cookie: cookies.admin })).body).toEqual(CONFIG);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "sla.policies_updated")));
    expect((audit!.data as { after: unknown }).after).toEqual(CONFIG);
  });

  it("agents and requesters may neither read nor change them", async () => {
    for (const role of ["agent", "requester"] as const) {
      expect((await callJson("GET", "/api/admin/sla-policies", { cookie: cookies[role] })).status).toBe(403);
      expect((await callJson("PUT", "/api/admin/sla-policies", { cookie: cookies[role], body: CONFIG })).status).toBe(403);
    }
  });

  it("refuses unknown time zones, backwards hours, duplicate priorities and an empty week", async () => {
    const bad = [
      { ...CONFIG, timeZone: "Mars/Olympus_Mons" },
      { ...CONFIG, weeklyHours: { mon: [{ start: "17:00", end: "09:00" }] } },
      { ...CONFIG, policies: [CONFIG.policies[0], CONFIG.policies[0]] },
      { ...CONFIG, weeklyHours: {} },
    ];
    for (const body of bad) expect((await callJson("PUT", "/api/admin/sla-policies", { cookie: cookies.admin, body })).status, JSON.stringify(body)).toBe(400);
  });
});

describe("deadlines follow the ticket (S9)", () => {
  it("business hours, pause and resume, priority change, replies, resolve and reopen — each change audited", async () => {
    // Mon 16 Nov 2026 16:00 EST. Office hours 09–17 Mon–Fri, Thursday 19 Nov is a holiday.
    at("2026-11-16T21:00:00Z");
    const t = await createTicketAs(cookies.agent!, { title: "Checkout down", priority: "urgent", requesterId: org.requester.id });
    expect(t.firstResponseDueAt).toBe("2026-11-16T21:30:00.000Z"); // 16:30
    expect(t.resolutionDueAt).toBe("2026-11-17T17:00:00.000Z"); // 1 h Monday + 3 h Tuesday → Tue 12:00

    at("2026-11-16T21:10:00Z"); // 16:10: waiting for the customer pauses the clock
    expect((await patch(t.id, { status: "pending" })).status).toBe(200);
    const [paused] = await db().select().from(ticketSla).where(eq(ticketSla.ticketId, t.id));
    expect(paused!.pausedSince).toEqual(new Date("2026-11-16T21:10:00Z"));
    expect(paused!.nextDueAt).toBeNull();
    // Issue 10: the ticket's own API carries the SLA view the queue shows; while paused, each target says
    // "paused" (the page once said "Overdue" beside "Paused" with its own 2-hour rule).
    at("2026-11-17T14:00:00Z"); // both targets' old due times have passed, the clock is paused
    const detail = await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookies.agent });
    const queued = (await callJson("GET", "/api/tickets?sort=due", { cookie: cookies.agent })).body.items.find((i: { id: string }) => i.id === t.id);
    expect(detail.body.sla).toEqual(queued.sla);
    expect(detail.body.sla).toMatchObject({ state: "paused", targets: { firstResponse: { state: "paused" }, resolution: { state: "paused" } } });

    at("2026-11-17T15:00:00Z"); // Tue 10:00: 50 + 60 business minutes were paused
    const resumed = await patch(t.id, { status: "open" });
    expect(resumed.body.firstResponseDueAt).toBe("2026-11-17T15:20:00.000Z"); // Tue 10:20
    expect(resumed.body.resolutionDueAt).toBe("2026-11-17T18:50:00.000Z"); // Tue 13:50

    at("2026-11-17T15:05:00Z"); // priority lowered mid-flight: re-targeted from the original start
    const high = await patch(t.id, { priority: "high" });
    expect(high.body.firstResponseDueAt).toBe("2026-11-17T15:50:00.000Z"); // 60 + 110 min → Tue 10:50
    expect(high.body.resolutionDueAt).toBe("2026-11-18T14:50:00.000Z"); // 480 + 110 min → Wed 09:50

    at("2026-11-17T15:10:00Z");
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.agent, body: { bodyMd: "Looking into it" } });
    at("2026-11-17T15:30:00Z"); // Tue 10:30: the requester answers, the next-reply clock starts (60 min)
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.requester, body: { bodyMd: "Still broken" } });
    let listed = (await callJson("GET", "/api/tickets?sort=due", { cookie: cookies.agent })).body.items.find((i: { id: string }) => i.id === t.id);
    expect(listed.sla).toMatchObject({ nextReplyDueAt: "2026-11-17T16:30:00.000Z", nextDueAt: "2026-11-17T16:30:00.000Z" });

    at("2026-11-17T16:00:00Z"); // Tue 11:00 resolved …
    expect((await patch(t.id, { status: "resolved" })).status).toBe(200);
    at("2026-11-18T16:00:00Z"); // … Wed 11:00 reopened: 6 h + 2 h of business time did not count
    const reopened = await patch(t.id, { status: "open" });
    // 480 + 110 + 480 = 1070 min: Mon 60, Tue 480, Wed 480, Thursday is a holiday → Fri 20 Nov 09:50.
    expect(reopened.body.resolutionDueAt).toBe("2026-11-20T14:50:00.000Z");
    listed = (await callJson("GET", "/api/tickets?sort=due", { cookie: cookies.agent })).body.items.find((i: { id: string }) => i.id === t.id);
    expect(listed.sla).toMatchObject({ state: "at_risk", nextReplyDueAt: "2026-11-18T16:30:00.000Z" }); // Wed 11:30, 30 min lead

    const audits = await slaAudits(t.id);
    expect(audits.map((a) => a.cause)).toEqual(["status_changed", "status_changed", "priority_changed", "requester_reply", "status_changed", "status_changed"]);
    expect(audits[1]!.to).toMatchObject({ firstResponseDueAt: "2026-11-17T15:20:00.000Z", pausedSince: null });
    expect(audits.at(-1)!.to).toMatchObject({ resolutionDueAt: "2026-11-20T14:50:00.000Z", nextReplyDueAt: "2026-11-18T16:30:00.000Z" });
  });

  it("a policy without pause keeps the clock running while pending", async () => {
    at("2026-11-16T15:00:00Z"); // Mon 10:00
    const t = await createTicketAs(cookies.agent!, { title: "Low and waiting", priority: "low" });
    await patch(t.id, { status: "pending" });
    at("2026-11-17T15:00:00Z");
    const back = await patch(t.id, { status: "open" });
    expect(back.body.firstResponseDueAt).toBe(t.firstResponseDueAt);
    expect(await slaAudits(t.id)).toEqual([]);
  });
});

describe("queue by SLA (S9, S7)", () => {
  it("sort=due orders by the earliest running deadline, pages without gaps or repeats, and filters breached / at risk", async () => {
    const q = await createOrg("sla-queue"); // 24/7, default 60 min warning lead
    const agent = await signIn(q.agent);
    const requester = await signIn(q.requester);
    const t0 = Date.now() - 3 * 3_600_000;
    const made: Record<string, string> = {};
    const create = async (name: string, offsetMin: number, body: Record<string, unknown>, cookie = agent) => {
      at(new Date(t0 + offsetMin * 60_000).toISOString());
      made[name] = (await createTicketAs(cookie, { title: name, ...body })).id;
    };
    await create("urgent-1", 0, { priority: "urgent" }); // first response due t0+30m: breached
    await create("high", 0, { priority: "high" }); // t0+2h: breached
    await create("urgent-2", 60, { priority: "urgent" }); // t0+1h30: breached
    await create("high-soon", 90, { priority: "high" }); // t0+3h30 = now+30m: at risk
    await create("normal", 0, {}, requester); // t0+8h
    await create("low", 0, { priority: "low" }); // t0+24h
    await create("done", 0, { priority: "urgent" });
    await callJson("PATCH", `/api/tickets/${made.done}`, { cookie: agent, body: { status: "resolved" } });
    restoreClock?.();
    restoreClock = undefined;

    const expected = ["urgent-1", "urgent-2", "high", "high-soon", "normal", "low", "done"];
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: { status: number; body: { items: { title: string }[]; nextCursor: string | null } } = await callJson(
        "GET",
        `/api/tickets?sort=due&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { cookie: agent },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.title));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);

    const breached = await callJson("GET", "/api/tickets?sla=breached", { cookie: agent });
    expect(breached.body.items.map((i: { title: string }) => i.title)).toEqual(["urgent-1", "urgent-2", "high"]);
    expect(breached.body.items.every((i: { sla: { state: string } }) => i.sla.state === "breached")).toBe(true);
    const atRisk = await callJson("GET", "/api/tickets?sla=at_risk", { cookie: agent });
    expect(atRisk.body.items.map((i: { title: string }) => i.title)).toEqual(["high-soon"]);

    // Due order is staff data (issue 11 F6: it would tell a requester their tickets' priority and SLA).
    const own = await callJson("GET", "/api/tickets?sort=due", { cookie: requester });
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).not.toContain("urgent-1");
    const urgentOnly = await callJson("GET", "/api/tickets?sort=due&priority=urgent&status=open", { cookie: agent });
    expect(urgentOnly.body.items.map((i: { title: string }) => i.title)).toEqual(["urgent-1", "urgent-2"]);
    // A cursor of the default order is not a position in the due order.
    const createdOrder = await callJson("GET", "/api/tickets?limit=1", { cookie: agent });
    expect((await callJson("GET", `/api/tickets?sort=due&cursor=${createdOrder.body.nextCursor}`, { cookie: agent })).status).toBe(400);
  });
});
