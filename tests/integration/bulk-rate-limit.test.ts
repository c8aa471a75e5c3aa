// Issue 11 (S8): a bulk action counts against the caller's write limit per ticket, as if each ticket were
// changed by a request of its own — against the real default (30 writes a minute), in memory.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, tickets } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("bulk-limits");
});

const unknownIds = (n: number) => Array.from({ length: n }, () => randomUUID());
const statuses = async (ids: string[]) => (await db().select().from(tickets).where(inArray(tickets.id, ids))).map((t) => t.status);

describe("bulk actions and the write rate limit (issue 11, S8)", () => {
  it("charges one write per ticket, all or nothing: a batch over the remaining budget is a 429 that changes nothing and costs only its request", async () => {
    const requester = await signIn(org.requester);
    const mine = [await createTicketAs(requester, { title: "Limited 1" }), await createTicketAs(requester, { title: "Limited 2" })];
    const real = mine.map((t) => t.id);
    const agent = await signIn(org.agent);

    // 31 tickets need 31 writes; the budget is 30.
    const tooMany = await callJson("POST", "/api/tickets/bulk", { cookie: agent, body: { ids: [...real, ...unknownIds(29)], changes: { status: "pending" } } });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error.code).toBe("rate_limited");
    expect(Number(tooMany.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await statuses(real)).toEqual(["open", "open"]);

    // The refused request cost one write (its own): 29 remain, and a batch of 29 fits exactly.
    const fits = await callJson("POST", "/api/tickets/bulk", { cookie: agent, body: { ids: [...real, ...unknownIds(27)], changes: { status: "pending" } } });
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
    expect(fits.headers.get("ratelimit-remaining")).toBe("0");
    expect(await statuses(real)).toEqual(["pending", "pending"]);

    // Unknown ids were charged too (probing ids is not free), so the budget is spent now.
    const next = await callJson("PATCH", `/api/tickets/${real[0]}`, { cookie: agent, body: { status: "open" } });
    expect(next.status).toBe(429);
    const oneMore = await callJson("POST", "/api/tickets/bulk", { cookie: agent, body: { ids: [real[0]], changes: { status: "open" } } });
    expect(oneMore.status).toBe(429);
    expect(await statuses(real)).toEqual(["pending", "pending"]);
  });

  it("a batch that fits the remaining budget is charged its size: single writes run out after it", async () => {
    const requester = await signIn(org.requester2);
    const t = await createTicketAs(requester, { title: "Budget" });
    const agent = await signIn(org.agent2);
    const res = await callJson("POST", "/api/tickets/bulk", { cookie: agent, body: { ids: [t.id, ...unknownIds(24)], changes: { priority: "high" } } });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-remaining")).toBe("5");
    for (let i = 0; i < 5; i++) {
      expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: agent, body: { priority: i % 2 ? "high" : "low" } })).status).toBe(200);
    }
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: agent, body: { priority: "urgent" } })).status).toBe(429);
  });

  it("another user's budget is their own, and a refused batch is on the audit trail", async () => {
    const admin = await signIn(org.admin);
    const t = await createTicketAs(admin, { title: "Admin's own budget" });
    const res = await callJson("POST", "/api/tickets/bulk", { cookie: admin, body: { ids: [t.id, ...unknownIds(40)], changes: { priority: "low" } } });
    expect(res.status).toBe(429);
    const hits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "rate_limit.hit"), eq(auditEvents.actorId, org.admin.id)));
    expect(hits.length).toBe(1);
    expect(hits[0]!.targetId).toBe("tickets.bulk");
    const small = await callJson("POST", "/api/tickets/bulk", { cookie: admin, body: { ids: [t.id], changes: { priority: "low" } } });
    expect(small.status).toBe(200);
  });
});
