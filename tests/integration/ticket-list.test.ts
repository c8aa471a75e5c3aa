// The queue: server-capped pagination with cursors (S7), filters, and full-text search over title and
// Markdown description (S15).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { tickets } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let agent: string;
let requester: string;

beforeAll(async () => {
  org = await createOrg("list");
  [agent, requester] = await Promise.all([signIn(org.agent), signIn(org.requester)]);
  // 130 tickets inserted directly (fast), spread over time, plus a few with known words via the API.
  const base = Date.parse("2026-01-01T00:00:00Z");
  await db()
    .insert(tickets)
    .values(
      Array.from({ length: 130 }, (_, i) => ({
        organizationId: org.id,
        number: 1000 + i,
        title: `Bulk ticket ${i}`,
        descriptionMd: "filler text",
        requesterId: org.requester.id,
        status: i % 2 === 0 ? ("open" as const) : ("pending" as const),
        priority: i % 3 === 0 ? ("high" as const) : ("normal" as const),
        assigneeId: i % 5 === 0 ? org.agent.id : null,
        createdAt: new Date(base + i * 60_000),
        updatedAt: new Date(base + i * 60_000),
      })),
    );
});

describe("pagination (S7)", () => {
  it("a request for 10,000 rows gets at most 100, with a cursor to the next page", async () => {
    const res = await callJson("GET", "/api/tickets?limit=10000", { cookie: agent });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(100);
    expect(typeof res.body.nextCursor).toBe("string");
  });

  it("cursors walk every row exactly once, newest first", async () => {
    const seen: string[] = [];
    const created: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/tickets?limit=40${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await callJson("GET", q, { cookie: agent });
      expect(res.body.items.length).toBeLessThanOrEqual(40);
      for (const t of res.body.items) {
        seen.push(t.id);
        created.push(Date.parse(t.createdAt));
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(130);
    expect(new Set(seen).size).toBe(130);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("defaults to 25 and rejects a forged cursor with 400", async () => {
    expect((await callJson("GET", "/api/tickets", { cookie: agent })).body.items).toHaveLength(25);
    const forged = await callJson("GET", "/api/tickets?cursor=AAAA", { cookie: agent });
    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toBe("Invalid cursor");
  });
});

describe("filters", () => {
  it("filters by status, priority, assignee and 'mine'", async () => {
    const open = await callJson("GET", "/api/tickets?status=open&limit=100", { cookie: agent });
    expect(open.body.items.length).toBeGreaterThan(0);
    expect(open.body.items.every((t: { status: string }) => t.status === "open")).toBe(true);

    const several = await callJson("GET", "/api/tickets?status=open,pending&priority=high&limit=100", { cookie: agent });
    expect(several.body.items.every((t: { priority: string }) => t.priority === "high")).toBe(true);
    expect(several.body.items).toHaveLength(44);

    const mine = await callJson("GET", "/api/tickets?mine=1&limit=100", { cookie: agent });
    expect(mine.body.items).toHaveLength(26);
    expect(mine.body.items.every((t: { assigneeId: string }) => t.assigneeId === org.agent.id)).toBe(true);

    const unassigned = await callJson("GET", "/api/tickets?assignee=none&limit=5", { cookie: agent });
    expect(unassigned.body.items.every((t: { assigneeId: string | null }) => t.assigneeId === null)).toBe(true);
  });

  it("rejects unknown filter values with 400", async () => {
    expect((await callJson("GET", "/api/tickets?status=bogus", { cookie: agent })).status).toBe(400);
    expect((await callJson("GET", "/api/tickets?assignee=not-an-id", { cookie: agent })).status).toBe(400);
  });
});

describe("search (S15)", () => {
  beforeAll(async () => {
    await createTicketAs(requester, { title: "VPN keeps disconnecting", descriptionMd: "On hotel **wifi** the tunnel drops." });
    await createTicketAs(requester, { title: "Invoice question", descriptionMd: "The `quarterly` statement shows a duplicated charge." });
  });

  it("finds words in the title and in the Markdown description", async () => {
    const byTitle = await callJson("GET", "/api/tickets?q=vpn", { cookie: agent });
    expect(byTitle.body.items.map((t: { title: string }) => t.title)).toEqual(["VPN keeps disconnecting"]);
    const byDescription = await callJson("GET", "/api/tickets?q=quarterly", { cookie: agent });
    expect(byDescription.body.items.map((t: { title: string }) => t.title)).toEqual(["Invoice question"]);
  });

  it("matches word prefixes and stems, requires all words, and combines with filters", async () => {
    expect((await callJson("GET", "/api/tickets?q=disconn", { cookie: agent })).body.items).toHaveLength(1);
    expect((await callJson("GET", "/api/tickets?q=charges", { cookie: agent })).body.items).toHaveLength(1);
    expect((await callJson("GET", "/api/tickets?q=hotel%20invoice", { cookie: agent })).body.items).toHaveLength(0);
    expect((await callJson("GET", "/api/tickets?q=vpn&status=pending", { cookie: agent })).body.items).toHaveLength(0);
  });

  it("finds a ticket by its number", async () => {
    const res = await callJson("GET", "/api/tickets?q=%231042", { cookie: agent });
    expect(res.body.items.map((t: { number: number }) => t.number)).toContain(1042);
  });

  it("treats tsquery operators and quotes as plain text (no 500)", async () => {
    for (const q of ["a & | !b", "'; drop table tickets; --", "(((", ":*"]) {
      const res = await callJson("GET", `/api/tickets?q=${encodeURIComponent(q)}`, { cookie: agent });
      expect(res.status, q).toBe(200);
    }
  });

  it("a requester's search never returns other requesters' tickets", async () => {
    const r2 = await signIn(org.requester2);
    const res = await callJson("GET", "/api/tickets?q=vpn", { cookie: r2 });
    expect(res.body.items).toHaveLength(0);
  });
});
