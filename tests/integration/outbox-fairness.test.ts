// Attack pass C6 (S8, S9): the outbox delivered every organization's messages one after another, so an
// organization whose webhook receiver never answers (its admin's choice: any public host) held everyone
// else's mail and webhooks WEBHOOK_TIMEOUT_MS per message — and "send test" makes such messages at will.
// Now each batch takes at most a few messages per organization and delivers organizations side by side.
process.env.WEBHOOK_TIMEOUT_MS = "1000";

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { callJson } from "../support/api";
import { createOrg, signIn } from "../support/factory";

let silent: Server;
let fast: Server;
let fastHits: number[] = [];
const fastDeliveries: string[] = [];
const sockets = new Set<import("node:net").Socket>();

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

let silentPort: number;
let fastPort: number;
let started = 0;

beforeAll(async () => {
  // Takes the request and never answers.
  silent = createServer((req) => req.resume());
  silent.on("connection", (s) => sockets.add(s));
  fast = createServer((req, res) => {
    fastHits.push(Date.now() - started);
    fastDeliveries.push(String(req.headers["x-helpdesk-delivery"]));
    req.resume();
    res.writeHead(204).end();
  });
  silentPort = await listen(silent);
  fastPort = await listen(fast);
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all([new Promise((r) => silent.close(r)), new Promise((r) => fast.close(r))]);
});

describe("one organization's silent webhook receiver does not hold the others' deliveries (attack pass C6)", { timeout: 120_000 }, () => {
  it("twelve messages to a receiver that never answers, queued first, and another organization's webhook goes out at once", async () => {
    const [slow, victim] = await Promise.all([createOrg("outbox-slow"), createOrg("outbox-victim")]);
    const slowAdmin = await signIn(slow.admin);
    const victimAdmin = await signIn(victim.admin);
    expect(
      (await callJson("PUT", "/api/admin/webhook", { cookie: slowAdmin, body: { url: `http://127.0.0.1:${silentPort}/hook`, active: true } })).status,
    ).toBe(200);
    expect(
      (await callJson("PUT", "/api/admin/webhook", { cookie: victimAdmin, body: { url: `http://127.0.0.1:${fastPort}/hook`, active: true } })).status,
    ).toBe(200);
    for (let i = 0; i < 12; i++) expect((await callJson("POST", "/api/admin/webhook/test", { cookie: slowAdmin, body: {} })).status).toBe(202);
    expect((await callJson("POST", "/api/admin/webhook/test", { cookie: victimAdmin, body: {} })).status).toBe(202);
    // The attacker's messages are due first.
    await db()
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 60_000) })
      .where(eq(outboxMessages.organizationId, slow.id));

    fastHits = [];
    started = Date.now();
    // These two organizations' messages only: other test files share the database and queue their own,
    // which would fill the batch of 20 ahead of the victim's (each batch is fair among the organizations in it).
    const totals = await deliverOutbox({ organizationIds: [slow.id, victim.id] });
    expect(fastHits).toHaveLength(1);
    expect(fastHits[0]!).toBeLessThan(2500);
    // The slow organization's messages were all tried (and wait for their retry), none lost.
    const slowRows = await db().select().from(outboxMessages).where(eq(outboxMessages.organizationId, slow.id));
    expect(slowRows.map((r) => [r.status, r.attempts])).toEqual(Array(12).fill(["pending", 1]));
    expect(totals.failed).toBeGreaterThanOrEqual(12);
  });
});

describe("the fair lease still hands each message to one worker", { timeout: 120_000 }, () => {
  it("two workers at once over three organizations' 24 messages: each delivered exactly once", async () => {
    const orgs = await Promise.all([createOrg("outbox-a"), createOrg("outbox-b"), createOrg("outbox-c")]);
    for (const org of orgs) {
      const cookie = await signIn(org.admin);
      expect((await callJson("PUT", "/api/admin/webhook", { cookie, body: { url: `http://127.0.0.1:${fastPort}/hook`, active: true } })).status).toBe(200);
      for (let i = 0; i < 8; i++) expect((await callJson("POST", "/api/admin/webhook/test", { cookie, body: {} })).status).toBe(202);
    }
    fastDeliveries.length = 0;
    await Promise.all([deliverOutbox(), deliverOutbox()]);
    for (const org of orgs) {
      const rows = await db().select().from(outboxMessages).where(eq(outboxMessages.organizationId, org.id));
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(["sent", 1]));
      for (const row of rows) expect(fastDeliveries.filter((d) => d === row.id)).toHaveLength(1);
    }
  });
});
