// The batched breach scan (S9, issue 15): a batch of one organization's due clocks is recorded set-based in
// one transaction. Exactly once must hold when scans race over the same breaches, when a batch dies half-way
// (its database connection killed while it writes, or one ticket's write failing every time), and when a
// restart loses the clocks' bookkeeping.
import { and, eq, inArray, sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { db } from "@/db/client";
import { auditEvents, notifications, outboxMessages, slaEvents, teamMembers, ticketActivity, ticketSla, webhookEndpoints } from "@/db/schema";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { createTicket } from "@/domain/tickets/create-ticket";
import { runSlaScan } from "@/jobs/sla-breach-scan";
import { fixedClock, setClock } from "@/lib/clock";
import { createOrg, type TestOrg } from "../support/factory";
import { ownerConnection } from "../support/owner-db";

let owner: pg.Client;
beforeAll(async () => {
  owner = await ownerConnection();
});
afterAll(async () => {
  await owner.end();
});

/**
 * An organization with `n` urgent tickets opened 3.5 hours ago: each has a breached first response (due
 * after 30 min) and a resolution (due after 4 h) inside the 60-minute warning lead. The assignee is agent2;
 * the team's one member is agent; a webhook endpoint is set, so every event also queues a webhook call.
 */
async function orgWithDueTickets(label: string, n: number): Promise<{ org: TestOrg; ids: string[] }> {
  const org = await createOrg(label);
  await db().insert(teamMembers).values({ teamId: org.teamId, userId: org.agent.id, organizationId: org.id });
  await db().insert(webhookEndpoints).values({ organizationId: org.id, url: "https://hooks.example.test/helpdesk", secret: "whsec-batch-test-0123456789" });
  const agent = actorForUser({ id: org.agent.id, role: "agent", name: "agent" }, org.id);
  const restore = setClock(fixedClock(new Date(Date.now() - 3.5 * 3_600_000)));
  const ids: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = await createTicket(agent, {
        title: `Due ${i}`,
        descriptionMd: "",
        priority: "urgent",
        assigneeId: org.agent2.id,
        teamId: org.teamId,
        requesterId: org.requester.id,
      });
      ids.push(t.id);
    }
  } finally {
    restore();
  }
  return { org, ids };
}

/** Every ticket has exactly one breach and one warning, each notified, timed and (breaches) audited once. */
async function expectEachOnce(org: TestOrg, ids: string[]) {
  const events = await db().select().from(slaEvents).where(inArray(slaEvents.ticketId, ids));
  expect(events).toHaveLength(ids.length * 2);
  for (const id of ids) {
    expect(
      events
        .filter((e) => e.ticketId === id)
        .map((e) => `${e.type}:${e.kind}`)
        .sort(),
      id,
    ).toEqual(["breach:first_response", "warning:resolution"]);
  }
  const inApp = await db().select().from(notifications).where(inArray(notifications.ticketId, ids));
  // Two recipients (assignee and team member) for each of the two events of each ticket.
  expect(inApp).toHaveLength(ids.length * 4);
  expect(new Set(inApp.map((n) => `${n.ticketId}|${n.type}|${n.userId}`)).size).toBe(ids.length * 4);
  const outbox = await db()
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, org.id), sql`${outboxMessages.eventType} like 'sla.%'`));
  expect(outbox.filter((m) => m.channel === "webhook")).toHaveLength(ids.length * 2);
  const timeline = await db()
    .select()
    .from(ticketActivity)
    .where(and(inArray(ticketActivity.ticketId, ids), eq(ticketActivity.field, "sla")));
  expect(timeline).toHaveLength(ids.length * 2);
  const audits = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "sla.breached")));
  expect(audits.map((a) => a.targetId).sort()).toEqual([...ids].sort());
  const clocks = await db().select().from(ticketSla).where(inArray(ticketSla.ticketId, ids));
  for (const c of clocks) expect(c.firstResponseBreachedAt, c.ticketId).not.toBeNull();
  expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true });
}

describe("batched breach scan, exactly once (S9, issue 15)", () => {
  it("three scans racing over the same 60 breaches notify each exactly once, also after a restart that lost the clocks' marks", async () => {
    const { org, ids } = await orgWithDueTickets("sla-race", 60);
    const results = await Promise.all([runSlaScan(), runSlaScan(), runSlaScan()]);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    await expectEachOnce(org, ids);

    // A restart that lost the clocks' bookkeeping (marks and next check): the database still says no.
    await db()
      .update(ticketSla)
      .set({ firstResponseBreachedAt: null, nextCheckAt: new Date(Date.now() - 3_600_000) })
      .where(inArray(ticketSla.ticketId, ids));
    await Promise.all([runSlaScan(), runSlaScan()]);
    await expectEachOnce(org, ids);
  });

  it("a batch whose connection dies half-way leaves nothing written; the redo records everything once", async () => {
    const { org, ids } = await orgWithDueTickets("sla-crash", 30);
    const victim = ids[17]!;
    // The first notification written for `victim` stalls its transaction (the sequence counts outside any
    // transaction, so only the first attempt stalls); the test then kills that backend mid-batch.
    const tag = `perf_${Date.now()}`;
    await owner.query(`create sequence ${tag}_seq`);
    await owner.query(`create function ${tag}_stall() returns trigger language plpgsql as $$
      begin
        if new.ticket_id = '${victim}' and nextval('${tag}_seq') = 1 then perform pg_sleep(30); end if;
        return new;
      end $$`);
    await owner.query(`create trigger ${tag}_trg before insert on notifications for each row execute function ${tag}_stall()`);
    try {
      const scan = runSlaScan();
      let killed = 0;
      for (let i = 0; i < 200 && killed === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const { rows } = await owner.query(
          `select pg_terminate_backend(pid) as killed from pg_stat_activity where wait_event = 'PgSleep' and query like '%notifications%' and pid <> pg_backend_pid()`,
        );
        killed = rows.filter((r) => r.killed).length;
      }
      expect(killed).toBe(1);
      // The database rolled the killed batch back; the scan redoes it ticket by ticket and records each event once.
      const totals = await scan;
      expect(totals.failed).toBe(0);
      await expectEachOnce(org, ids);
    } finally {
      await owner.query(`drop trigger if exists ${tag}_trg on notifications`);
      await owner.query(`drop function if exists ${tag}_stall()`);
      await owner.query(`drop sequence if exists ${tag}_seq`);
    }
  });

  it("a ticket whose writes fail every time: the batch is redone ticket by ticket, the others go out once, the bad one later", async () => {
    const { org, ids } = await orgWithDueTickets("sla-poison", 25);
    const poison = ids[9]!;
    const tag = `perf_${Date.now()}`;
    await owner.query(`create function ${tag}_refuse() returns trigger language plpgsql as $$
      begin
        if new.ticket_id = '${poison}' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await owner.query(`create trigger ${tag}_trg before insert on notifications for each row execute function ${tag}_refuse()`);
    const others = ids.filter((id) => id !== poison);
    try {
      const totals = await runSlaScan();
      expect(totals.failed).toBeGreaterThanOrEqual(1);
      // The poisoned ticket: nothing at all (its savepoint rolled back), its clock still due.
      expect(await db().select().from(slaEvents).where(eq(slaEvents.ticketId, poison))).toHaveLength(0);
      expect(await db().select().from(ticketActivity).where(eq(ticketActivity.ticketId, poison))).toHaveLength(0);
      const [clock] = await db().select().from(ticketSla).where(eq(ticketSla.ticketId, poison));
      expect(clock!.firstResponseBreachedAt).toBeNull();
      expect(clock!.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
      // The others: once each, although their first batch failed as a whole.
      const events = await db().select().from(slaEvents).where(inArray(slaEvents.ticketId, others));
      expect(events).toHaveLength(others.length * 2);
    } finally {
      await owner.query(`drop trigger if exists ${tag}_trg on notifications`);
      await owner.query(`drop function if exists ${tag}_refuse()`);
    }
    // Fixed: the next run records the poisoned ticket, and nobody else hears anything twice.
    await runSlaScan();
    await expectEachOnce(org, ids);
  });
});
