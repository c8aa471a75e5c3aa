// Comments API (S6) and internal notes (D4): staff-only on every path that returns comments.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
let agent: string;
let requester: string;
let otherAgent: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("comments"), createOrg("comments-other")]);
  [agent, requester, otherAgent] = await Promise.all([signIn(org.agent), signIn(org.requester), signIn(other.agent)]);
});

describe("comments (S6, D4)", () => {
  it("requester and agent reply; the first public agent reply records the first response", async () => {
    const t = await createTicketAs(requester, { title: "Need help" });
    const r1 = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: requester, body: { bodyMd: "Any news?" } });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ ticketId: t.id, authorId: org.requester.id, bodyMd: "Any news?", internal: false });
    expect((await callJson("GET", `/api/tickets/${t.id}`, { cookie: agent })).body.firstRespondedAt).toBeNull();

    const note = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "Checking logs", internal: true } });
    expect(note.status).toBe(201);
    // An internal note is not a response to the customer.
    expect((await callJson("GET", `/api/tickets/${t.id}`, { cookie: agent })).body.firstRespondedAt).toBeNull();

    const reply = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "Fixed it" } });
    expect(reply.status).toBe(201);
    const after = await callJson("GET", `/api/tickets/${t.id}`, { cookie: agent });
    expect(after.body.firstRespondedAt).toBe(reply.body.createdAt);
  });

  it("internal notes never reach the requester, but staff see them", async () => {
    const t = await createTicketAs(requester, { title: "Secret notes" });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "public answer" } });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "INTERNAL-ONLY suspect fraud", internal: true } });

    const asRequester = await callJson("GET", `/api/tickets/${t.id}/comments`, { cookie: requester });
    expect(asRequester.status).toBe(200);
    expect(asRequester.body.items.map((c: { bodyMd: string }) => c.bodyMd)).toEqual(["public answer"]);
    expect(JSON.stringify(asRequester.body)).not.toContain("INTERNAL-ONLY");

    const asAgent = await callJson("GET", `/api/tickets/${t.id}/comments`, { cookie: agent });
    expect(asAgent.body.items.map((c: { internal: boolean }) => c.internal)).toEqual([false, true]);
  });

  it("a requester cannot write an internal note (403) and nothing is stored", async () => {
    const t = await createTicketAs(requester, { title: "Sneaky" });
    const res = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: requester, body: { bodyMd: "hidden?", internal: true } });
    expect(res.status).toBe(403);
    const list = await callJson("GET", `/api/tickets/${t.id}/comments`, { cookie: agent });
    expect(list.body.items).toHaveLength(0);
  });

  it("over-length and empty bodies are 400", async () => {
    const t = await createTicketAs(requester, { title: "Limits" });
    expect((await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "x".repeat(10_001) } })).status).toBe(400);
    expect((await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "   " } })).status).toBe(400);
    expect((await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: {} })).status).toBe(400);
  });

  it("another organization's ticket is a 404 for reading and writing comments, and nothing is written", async () => {
    const t = await createTicketAs(requester, { title: "Ours" });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "our reply" } });
    const read = await callJson("GET", `/api/tickets/${t.id}/comments`, { cookie: otherAgent });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain("our reply");
    const write = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: otherAgent, body: { bodyMd: "intrusion" } });
    expect(write.status).toBe(404);
    const list = await callJson("GET", `/api/tickets/${t.id}/comments`, { cookie: agent });
    expect(list.body.items.map((c: { bodyMd: string }) => c.bodyMd)).toEqual(["our reply"]);
  });

  it("paginates comments oldest first with a capped page size (S7)", async () => {
    const t = await createTicketAs(requester, { title: "Chatty" });
    for (let i = 0; i < 7; i++) {
      await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: `c${i}` } });
    }
    const first = await callJson("GET", `/api/tickets/${t.id}/comments?limit=5`, { cookie: agent });
    expect(first.body.items.map((c: { bodyMd: string }) => c.bodyMd)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    const second = await callJson("GET", `/api/tickets/${t.id}/comments?limit=5&cursor=${first.body.nextCursor}`, { cookie: agent });
    expect(second.body.items.map((c: { bodyMd: string }) => c.bodyMd)).toEqual(["c5", "c6"]);
    expect(second.body.nextCursor).toBeNull();
    expect((await callJson("GET", `/api/tickets/${t.id}/comments?limit=5000`, { cookie: agent })).body.items.length).toBeLessThanOrEqual(100);
  });
});
