// Issue 15: the queue's orders at scale, as behaviour (timings live in bench/scale.ts).
// - A search lists best match first among the newest SEARCH_RANK_WINDOW matches, whichever way the window
//   is found (walking the newest tickets, or the search index), pages without gaps or repeats, and its
//   next/previous follow the same order.
// - "Due soonest" combined with each filter lists exactly the filter's tickets, earliest running deadline
//   first (none last), and pages without gaps or repeats; the due time the index walks follows the SLA
//   clock at once (trigger on ticket_sla).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { db } from "@/db/client";
import { tags, tickets, ticketSla, ticketTags } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { listTickets } from "@/domain/tickets/list-tickets";
import { ticketSearch } from "@/domain/tickets/ticket-search";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { metrics } from "@/lib/metrics";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";

/** The organization ticket() writes into: the search tests' one, then the due tests' own. */
let org: TestOrg;
const actorOf = (u: TestUser) => actorForUser({ id: u.id, role: u.role, name: u.email }, u.orgId);
const base = Date.parse("2026-03-01T00:00:00Z");
let nextNumber = 1;

/** A ticket written directly (fast, exact times); its clock row, when given, sets sla_due_at by trigger. */
async function ticket(values: Partial<typeof tickets.$inferInsert> & { minutes: number; dueInMinutes?: number | null; tag?: string }) {
  const { minutes, dueInMinutes, tag, ...rest } = values;
  const id = randomUUID();
  const createdAt = new Date(base + minutes * 60_000);
  await db()
    .insert(tickets)
    .values({
      id,
      organizationId: org.id,
      number: nextNumber++,
      title: "Filler",
      descriptionMd: "",
      requesterId: org.requester.id,
      createdAt,
      updatedAt: createdAt,
      ...rest,
    });
  if (dueInMinutes !== undefined) {
    await db()
      .insert(ticketSla)
      .values({ ticketId: id, organizationId: org.id, startedAt: createdAt, nextDueAt: dueInMinutes === null ? null : new Date(base + dueInMinutes * 60_000) });
  }
  if (tag) {
    const [t] = await db()
      .insert(tags)
      .values({ organizationId: org.id, name: tag })
      .onConflictDoUpdate({ target: [tags.organizationId, tags.name], set: { name: tag } })
      .returning();
    await db().insert(ticketTags).values({ ticketId: id, tagId: t!.id, organizationId: org.id, ticketCreatedAt: createdAt });
  }
  return id;
}

type Item = { id: string; number: number; title: string };
/** Every page of a listing, following nextCursor with `limit` rows a page. */
async function walk(u: TestUser, raw: Record<string, string>, limit = 2): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listTickets(actorOf(u), ZListTicketsQuery.parse({ ...raw, limit: String(limit), ...(cursor ? { cursor } : {}) }));
    out.push(...(page.items as Item[]));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

beforeAll(async () => {
  org = await createOrg("order");
});

describe("search in relevance order (issue 15, S15)", () => {
  let titleMatch = "";
  let newest = "";
  beforeAll(async () => {
    // Oldest, but the word is its title: the best match. Newer ones only mention it in a longer text.
    titleMatch = await ticket({ minutes: 0, title: "Kerberos ticket renewal", descriptionMd: "Since Monday." });
    await ticket({
      minutes: 10,
      title: "Laptop slow",
      descriptionMd: "It is slow. We also use kerberos somewhere, and the docking station flickers all day long.",
    });
    newest = await ticket({
      minutes: 20,
      title: "Printer offline",
      descriptionMd: "The printer is offline again. Unrelated: kerberos was mentioned by a colleague in a meeting last week.",
    });
    await ticket({ minutes: 5, title: "Offline printer queue", descriptionMd: "Printer offline since the move." });
    await ticket({ minutes: 15, title: "Spreadsheet", descriptionMd: "The printer in room 4 prints the spreadsheet, then the laptop goes offline overnight." });
  });

  it("lists the best match first, not the newest; sort=created still lists every match newest first", async () => {
    const ranked = await walk(org.agent, { q: "kerberos" }, 25);
    expect(ranked.map((t) => t.id)[0]).toBe(titleMatch);
    expect(ranked).toHaveLength(3);
    const newestFirst = await walk(org.agent, { q: "kerberos", sort: "created" }, 25);
    expect(newestFirst.map((t) => t.id)[0]).toBe(newest);
    expect(new Set(newestFirst.map((t) => t.id))).toEqual(new Set(ranked.map((t) => t.id)));
  });

  it("two words together outrank the same words far apart", async () => {
    const ranked = await walk(org.agent, { q: "printer offline" }, 25);
    expect(
      ranked
        .map((t) => t.title)
        .slice(0, 2)
        .sort(),
    ).toEqual(["Offline printer queue", "Printer offline"]);
    expect(ranked.at(-1)!.title).toBe("Spreadsheet");
  });

  it("the ticket named by number comes first", async () => {
    const target = await ticket({ minutes: 1, title: "Numbered", descriptionMd: "" });
    const [row] = await db().select({ number: tickets.number }).from(tickets).where(eq(tickets.id, target));
    const number = row!.number;
    await ticket({ minutes: 30, title: `Mentions ${number}`, descriptionMd: `See ${number} ${number} ${number}.` });
    const ranked = await walk(org.agent, { q: `#${number}` }, 25);
    expect(ranked[0]!.id).toBe(target);
  });

  it("ranks only the newest window of matches, and finds the same window walking recent tickets or through the index", async () => {
    const s = scoped(actorOf(org.agent));
    const search = ticketSearch("printer")!;
    const page = (window: number, recentScan: number) =>
      s.tickets.listByRank(undefined, search, { limit: 100, window, recentScan }).then((rows) => rows.map((r) => r.title));
    // Three printer tickets, newest first: Printer offline (20), Spreadsheet (15), Offline printer queue (5).
    const byWalk = await page(2, 1000);
    const byIndex = await page(2, 1);
    expect(byWalk).toEqual(byIndex);
    // The window is the two newest matches; the older "Offline printer queue" is outside it.
    expect(new Set(byWalk)).toEqual(new Set(["Printer offline", "Spreadsheet"]));
    expect(byWalk[0]).toBe("Printer offline");
    expect(await page(3, 1000)).toEqual(await page(3, 1));
  });

  it("finds the window in one statement whichever way: walking the newest tickets or through the index", async () => {
    const s = scoped(actorOf(org.agent));
    const search = ticketSearch("printer")!;
    const statementsOf = async (recentScan: number) => {
      const before = (await metrics().dbStatements.get()).values[0]?.value ?? 0;
      const rows = await s.tickets.listByRank(undefined, search, { limit: 100, window: 2, recentScan });
      const sent = ((await metrics().dbStatements.get()).values[0]?.value ?? 0) - before;
      return { sent, titles: rows.map((r) => r.title) };
    };
    // The walk fills the window (two matches among the newest 1,000); one newest ticket holds none of it.
    expect(await statementsOf(1000)).toEqual({ sent: 1, titles: ["Printer offline", "Spreadsheet"] });
    expect(await statementsOf(1)).toEqual({ sent: 1, titles: ["Printer offline", "Spreadsheet"] });
  });

  it("pages of two visit every match once, in rank order, forward and back", async () => {
    const all = (await walk(org.agent, { q: "printer" }, 100)).map((t) => t.id);
    const paged = (await walk(org.agent, { q: "printer" }, 2)).map((t) => t.id);
    expect(paged).toEqual(all);
    const first = await listTickets(actorOf(org.agent), ZListTicketsQuery.parse({ q: "printer", limit: "2" }));
    const second = await listTickets(actorOf(org.agent), ZListTicketsQuery.parse({ q: "printer", limit: "2", cursor: first.nextCursor! }));
    const back = await listTickets(actorOf(org.agent), ZListTicketsQuery.parse({ q: "printer", limit: "2", before: second.prevCursor! }));
    expect(back.items.map((t) => t.id)).toEqual(first.items.map((t) => t.id));
  });

  it("next and previous on a ticket opened from a search follow the ranked list", async () => {
    const raw = { q: "printer" };
    const list = (await walk(org.agent, raw, 100)).map((t) => t.id);
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const [i, id] of list.entries()) {
      const view = await getTicketView(actorOf(org.agent), id, { queue: ZListTicketsQuery.parse(raw) });
      expect({ previous: view.neighbours?.previous?.id ?? null, next: view.neighbours?.next?.id ?? null }).toEqual({
        previous: list[i - 1] ?? null,
        next: list[i + 1] ?? null,
      });
    }
  });

  it("a requester's ranked search lists their own tickets only", async () => {
    await ticket({ minutes: 40, title: "Kerberos for requester two", requesterId: org.requester2.id });
    const mine = await walk(org.requester2, { q: "kerberos" }, 25);
    expect(mine.map((t) => t.title)).toEqual(["Kerberos for requester two"]);
    expect((await walk(org.requester, { q: "kerberos" }, 25)).map((t) => t.title)).not.toContain("Kerberos for requester two");
  });

  it("a cursor of another order is a 400 (a created cursor on a search, a rank cursor without one)", async () => {
    const cookie = await signIn(org.agent);
    const created = (await callJson("GET", "/api/tickets?limit=1", { cookie })).body.nextCursor as string;
    const ranked = (await callJson("GET", "/api/tickets?q=printer&limit=1", { cookie })).body.nextCursor as string;
    for (const qs of [`q=printer&cursor=${created}`, `cursor=${ranked}`, `q=printer&sort=due&cursor=${ranked}`, `q=printer&before=${created}`]) {
      expect((await callJson("GET", `/api/tickets?${qs}`, { cookie })).status, qs).toBe(400);
    }
  });

  it("a rank the database's real cannot hold is a 400, not a 500 (security review F2)", async () => {
    const cookie = await signIn(org.agent);
    const id = randomUUID();
    for (const rank of [1e39, -1e39, 1e-50]) {
      const cursor = Buffer.from(JSON.stringify(["rank", [rank, "2026-03-01T00:00:00.000Z", id]])).toString("base64url");
      for (const qs of [`q=printer&cursor=${cursor}`, `q=printer&before=${cursor}`]) {
        const res = await callJson("GET", `/api/tickets?${qs}`, { cookie });
        expect({ rank, qs: qs.slice(0, 12), status: res.status, code: res.body.error?.code }).toMatchObject({ status: 400 });
      }
    }
    // A small rank a real holds still pages.
    const fine = Buffer.from(JSON.stringify(["rank", [1e-30, "2026-03-01T00:00:00.000Z", id]])).toString("base64url");
    expect((await callJson("GET", `/api/tickets?q=printer&cursor=${fine}`, { cookie })).status).toBe(200);
  });
});

describe("due soonest with each filter (issue 15, S7, S9)", () => {
  let dueOrg: TestOrg;
  beforeAll(async () => {
    dueOrg = await createOrg("due");
    org = dueOrg;
    const people = [dueOrg.agent.id, dueOrg.agent2.id, null];
    // 24 tickets: deadlines out of creation order, some without a running one (paused/finished: last),
    // a few without a clock at all (never in a due list); statuses, priorities, people, team and tag mixed.
    for (let i = 0; i < 24; i++) {
      const status = (["open", "pending", "open", "closed", "on_hold", "open"] as const)[i % 6];
      await ticket({
        minutes: i,
        title: `Due ${i}`,
        status,
        priority: (["low", "normal", "high", "urgent"] as const)[i % 4],
        assigneeId: people[i % 3] ?? null,
        teamId: i % 2 === 0 ? dueOrg.teamId : null,
        dueInMinutes: i % 11 === 10 ? undefined : status === "open" ? 1000 - ((i * 37) % 500) : null,
        tag: i % 3 === 1 ? "vip" : undefined,
      });
    }
  });

  /** What the list must be: the filter's tickets that have a clock, by (due or infinity, id). */
  async function expected(where: ReturnType<typeof sql>) {
    const rows = await db().execute<{ id: string }>(sql`
      select t.id from tickets t join ticket_sla s on s.ticket_id = t.id
      where t.organization_id = ${dueOrg.id} and ${where}
      order by coalesce(s.next_due_at, 'infinity'::timestamptz), t.id`);
    return rows.rows.map((r) => r.id);
  }

  const cases: [string, Record<string, string>, () => ReturnType<typeof sql>][] = [
    ["no filter", {}, () => sql`true`],
    ["status=open", { status: "open" }, () => sql`t.status = 'open'`],
    ["status=pending", { status: "pending" }, () => sql`t.status = 'pending'`],
    ["status=open,on_hold", { status: "open,on_hold" }, () => sql`t.status in ('open', 'on_hold')`],
    ["priority=urgent", { priority: "urgent" }, () => sql`t.priority = 'urgent'`],
    ["assignee=me", { assignee: "me" }, () => sql`t.assignee_id = ${dueOrg.agent.id}`],
    ["assignee=none", { assignee: "none" }, () => sql`t.assignee_id is null`],
    ["team", { team: "TEAM" }, () => sql`t.team_id = ${dueOrg.teamId}`],
    ["team=none", { team: "none" }, () => sql`t.team_id is null`],
    ["tag=vip", { tag: "vip" }, () => sql`exists (select 1 from ticket_tags x join tags g on g.id = x.tag_id where x.ticket_id = t.id and g.name = 'vip')`],
    ["status=open&assignee=me", { status: "open", assignee: "me" }, () => sql`t.status = 'open' and t.assignee_id = ${dueOrg.agent.id}`],
  ];
  for (const [label, raw, where] of cases) {
    it(`${label}: exactly the filter's tickets, earliest deadline first, none last, pages of two without gaps or repeats`, async () => {
      const query = { ...raw, sort: "due", ...(raw.team === "TEAM" ? { team: dueOrg.teamId } : {}) };
      const want = await expected(where());
      expect(want.length).toBeGreaterThan(0);
      const paged = (await walk(dueOrg.agent, query, 2)).map((t) => t.id);
      expect(paged).toEqual(want);
    });
  }

  it("a requester may not list by due time: the order would tell them the SLA they are not shown (F6) — 403", async () => {
    await ticket({ minutes: 50, title: "Requester two's", requesterId: dueOrg.requester2.id, dueInMinutes: 5 });
    for (const u of [dueOrg.requester, dueOrg.requester2]) {
      await expect(walk(u, { sort: "due" }, 2)).rejects.toMatchObject({ kind: "forbidden" });
    }
    // Staff still see requester two's ticket in due order among the others.
    const staff = (await walk(dueOrg.agent, { sort: "due" }, 100)).map((t) => t.title);
    expect(staff).toContain("Requester two's");
  });

  it("the due time the list walks follows the clock at once: pausing a ticket moves it last, resuming moves it back", async () => {
    const first = (await walk(dueOrg.agent, { sort: "due", status: "open" }, 100))[0]!;
    const cookie = await signIn(dueOrg.agent);
    expect((await callJson("PATCH", `/api/tickets/${first.id}`, { cookie, body: { status: "pending" } })).status).toBe(200);
    const paused = (await walk(dueOrg.agent, { sort: "due" }, 100)).map((t) => t.id);
    expect(paused).toEqual(await expected(sql`true`));
    expect(paused.indexOf(first.id)).toBeGreaterThan(paused.indexOf((await expected(sql`t.status = 'open'`)).at(-1)!));
    expect((await callJson("PATCH", `/api/tickets/${first.id}`, { cookie, body: { status: "open" } })).status).toBe(200);
    expect((await walk(dueOrg.agent, { sort: "due" }, 100)).map((t) => t.id)).toEqual(await expected(sql`true`));
    // The copy and the clock agree for every ticket of the organization.
    const drift = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from tickets t join ticket_sla s on s.ticket_id = t.id
      where t.organization_id = ${dueOrg.id} and t.sla_due_at is distinct from coalesce(s.next_due_at, 'infinity'::timestamptz)`);
    expect(drift.rows[0]!.n).toBe(0);
  });
});
