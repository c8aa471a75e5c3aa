// Notifications follow the reader's rights TODAY (issue 9 item 6, D4, S9): a user demoted to requester,
// a requester who no longer owns the ticket, or a deactivated user must not read internal-note text or
// ticket titles through the notifications API, the bell count, mark-read, or an e-mail queued before the
// change and sent after it. Each attack runs against the real routes, PostgreSQL and an SMTP sink.
import type { ParsedMail } from "mailparser";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxMessages, teamMembers, teams, tickets } from "@/db/schema";
import { unreadNotificationCount } from "@/domain/notifications/list-notifications";
import { actorForUser } from "@/auth/system-actor";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { fixedClock, setClock } from "@/lib/clock";
import { callJson } from "../support/api";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createOrg, createUser, setUserActive, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let mails: ParsedMail[] = [];
let smtp: SmtpSink;
let adminCookie = "";
// Other test files deliver the outbox on the same database: this file's messages are written and
// delivered on a clock years in the past, so its deliverOutbox() leases only messages due by then.
const PAST = new Date("2001-02-03T10:00:00Z");

beforeAll(async () => {
  smtp = await startSmtpSink();
  mails = smtp.mails;
  org = await createOrg("notif-rights");
  adminCookie = await signIn(org.admin);
});

afterAll(async () => {
  await smtp.close();
});

async function inThePast<T>(fn: () => Promise<T>): Promise<T> {
  const restore = setClock(fixedClock(PAST));
  try {
    return await fn();
  } finally {
    restore();
  }
}

async function comment(cookie: string, ticketId: string, bodyMd: string, internal = false) {
  const res = await inThePast(() => callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie, body: { bodyMd, internal } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function setRole(userId: string, role: string) {
  const res = await callJson("PATCH", `/api/admin/users/${userId}`, { cookie: adminCookie, body: { role } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const mailsAbout = (ticketNumber: number) => mails.filter((m) => m.subject?.startsWith(`[#${ticketNumber}]`));

describe("notifications follow the reader's current rights (issue 9 item 6)", () => {
  it("a demoted agent no longer reads internal notes through the list, unread filter, mark-read or the bell", async () => {
    const agentCookie = await signIn(org.agent);
    const requesterCookie = await signIn(org.requester);
    const t = await createTicketAs(requesterCookie, { title: "DEMOTION-TITLE printer on fire" });
    await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: agentCookie, body: { assigneeId: org.agent.id } });
    const agent2Cookie = await signIn(org.agent2);
    await comment(agent2Cookie, t.id, "NOTE-SECRET-1 customer is on a fraud watchlist", true);

    // While staff, the assignee reads the note (the control: the attack below starts from a real leak).
    const before = await callJson("GET", "/api/notifications", { cookie: agentCookie });
    expect(JSON.stringify(before.body)).toContain("NOTE-SECRET-1");
    const noteId = before.body.items.find((n: { type: string }) => n.type === "comment.internal_created").id as string;

    await setRole(org.agent.id, "requester");
    const demoted = await signIn(org.agent);
    for (const q of ["", "?unread=1", "?unread=true&limit=100"]) {
      const res = await callJson("GET", `/api/notifications${q}`, { cookie: demoted });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain("NOTE-SECRET-1");
      expect(JSON.stringify(res.body)).not.toContain("DEMOTION-TITLE");
      expect(res.body.unreadCount).toBe(0);
    }
    // The bell (the header component's count) and mark-read use the same rule: the row is not there.
    expect(await unreadNotificationCount(actorForUser({ id: org.agent.id, role: "requester", name: "x" }, org.id))).toBe(0);
    const mark = await callJson("POST", `/api/notifications/${noteId}/read`, { cookie: demoted });
    expect(mark.status).toBe(404);
    expect(JSON.stringify(mark.body)).not.toContain("NOTE-SECRET-1");

    // Promoted back, the note is readable again: filtered at read time, nothing was deleted.
    await setRole(org.agent.id, "agent");
    const again = await callJson("GET", "/api/notifications", { cookie: await signIn(org.agent) });
    expect(JSON.stringify(again.body)).toContain("NOTE-SECRET-1");
  });

  it("a requester who no longer owns the ticket stops seeing its title in notifications", async () => {
    const requesterCookie = await signIn(org.requester2);
    const t = await createTicketAs(requesterCookie, { title: "TRANSFER-TITLE salary question" });
    await comment(await signIn(org.agent2), t.id, "public answer about the salary");
    const before = await callJson("GET", "/api/notifications", { cookie: requesterCookie });
    expect(JSON.stringify(before.body)).toContain("TRANSFER-TITLE");

    // The ticket is moved to another requester (e.g. opened on the wrong person's behalf and corrected).
    await db().update(tickets).set({ requesterId: org.requester.id }).where(eq(tickets.id, t.id));
    const after = await callJson("GET", "/api/notifications", { cookie: requesterCookie });
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.body)).not.toContain("TRANSFER-TITLE");
    expect(JSON.stringify(after.body)).not.toContain("salary");
    expect(after.body.items.filter((n: { ticketId: string }) => n.ticketId === t.id)).toHaveLength(0);
  });

  it("e-mails queued while the recipient could read them are withheld at send time after demotion, deactivation or losing the ticket", async () => {
    const [demotee, leaver, control] = await Promise.all([
      createUser(org.id, org.slug, "mail-demotee", "agent"),
      createUser(org.id, org.slug, "mail-leaver", "agent"),
      createUser(org.id, org.slug, "mail-control", "agent"),
    ]);
    const [team] = await db().insert(teams).values({ organizationId: org.id, name: "Mail team" }).returning();
    await db()
      .insert(teamMembers)
      .values([demotee, leaver, control].map((u) => ({ teamId: team!.id, userId: u.id, organizationId: org.id })));

    const requesterCookie = await signIn(org.requester);
    const t = await createTicketAs(requesterCookie, { title: "MAIL-TITLE vpn down" });
    const adminSet = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: adminCookie, body: { teamId: team!.id } });
    expect(adminSet.status, JSON.stringify(adminSet.body)).toBe(200);
    await comment(await signIn(org.agent2), t.id, "NOTE-SECRET-MAIL rotate the VPN keys", true);
    // A public reply by staff reaches the requester by e-mail too.
    await comment(await signIn(org.agent2), t.id, "PUBLIC-REPLY-MAIL we are on it");

    // Rights change after the e-mails were queued and before the worker sends them.
    await setRole(demotee.id, "requester");
    await setUserActive(leaver.id, false);
    await db().update(tickets).set({ requesterId: org.requester2.id }).where(eq(tickets.id, t.id));

    const totals = await inThePast(() => deliverOutbox());
    expect(totals.withheld).toBeGreaterThanOrEqual(3);

    const got = mailsAbout(t.number);
    const to = (m: ParsedMail) => JSON.stringify(m.to);
    // The control still-staff member gets the note; nobody else gets anything about this ticket.
    expect(
      got
        .filter((m) => to(m).includes(control.email))
        .map((m) => m.text)
        .join(),
    ).toContain("NOTE-SECRET-MAIL");
    expect(got.filter((m) => to(m).includes(demotee.email))).toHaveLength(0);
    expect(got.filter((m) => to(m).includes(leaver.email))).toHaveLength(0);
    expect(got.filter((m) => to(m).includes(org.requester.email))).toHaveLength(0);

    const rows = await db()
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.channel, "email"), eq(outboxMessages.status, "withheld")));
    const withheldTo = rows.map((r) => (r.payload as { to: string }).to);
    expect(withheldTo).toEqual(expect.arrayContaining([demotee.email, leaver.email, org.requester.email]));
    expect(withheldTo).not.toContain(control.email);
  });
});
