// Issue 11, "every screen is live, and none of it crosses a boundary", in real Chromium against the built
// app served by our own HTTP server: two agents and a requester in three browser contexts (the
// requester's reply reaches the agent's queue, the other agent's ticket page and the bell without a
// reload; presence both ways), an agent of another organization whose open EventSource receives nothing,
// and GET /api/events without a session answered 401 at once over real HTTP.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { callJson } from "../support/api";
import { browserSessions } from "../support/browser";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

const baseUrl = () => inject("baseUrl");
const { as } = browserSessions(baseUrl, TEST_PASSWORD);

/** Marks the page: the mark survives live updates (router.refresh) and is gone after a reload. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
/** Resolves once the page's own EventSource is open (the server sent `ready`). */
async function streamOpen(page: Page) {
  await page.waitForResponse((r) => r.url().includes("/api/events") && r.status() === 200, { timeout: 15_000 }).catch(() => undefined);
}

describe("live across three browsers (issue 11)", () => {
  let org: TestOrg;
  let ticketId = "";
  let title = "";
  beforeAll(async () => {
    org = await createOrg("e2e-live");
    title = `Scanner jams ${Date.now()}`;
    const requester = await signIn(org.requester);
    ticketId = (await createTicketAs(requester, { title, descriptionMd: "It jams on page two." })).id;
    // Waiting for the customer, assigned to the first agent: the requester's reply will reopen it.
    const agent = await signIn(org.agent);
    const res = await callJson("POST", `/api/tickets/${ticketId}/comments`, {
      cookie: agent,
      body: { bodyMd: "Which tray do you use?", status: "pending" },
    });
    expect(res.status).toBe(201);
    expect((await callJson("PATCH", `/api/tickets/${ticketId}`, { cookie: agent, body: { assigneeId: org.agent.id } })).status).toBe(200);
  });

  it("the requester replies: the agent's queue and bell, and the other agent's ticket page, update without a reload; presence shows both ways", async () => {
    const [queuePage, ticketPage, requesterPage] = await Promise.all([as(org.agent), as(org.agent2), as(org.requester)]);
    const [queueOpen, ticketOpen] = [streamOpen(queuePage), streamOpen(ticketPage)];
    await Promise.all([queuePage.goto(`${baseUrl()}/app`), ticketPage.goto(`${baseUrl()}/app/tickets/${ticketId}`)]);
    await Promise.all([queueOpen, ticketOpen]);
    const row = queuePage.locator("[data-queue-row]", { hasText: title });
    expect(await row.locator(".badge-status-pending").count()).toBe(1);
    const bell = queuePage.locator(".notification-bell");
    const unreadBefore = Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0);
    await Promise.all([markPage(queuePage), markPage(ticketPage)]);

    const requesterOpen = streamOpen(requesterPage);
    await requesterPage.goto(`${baseUrl()}/app/tickets/${ticketId}`);
    await requesterOpen;
    await markPage(requesterPage);
    // The staff page learns the requester is here, then that they are writing.
    const presence = ticketPage.locator(".presence-line");
    await expect.poll(() => presence.textContent(), { timeout: 15_000 }).toContain("is viewing");
    // The requester sees the agent who has the ticket open, by name only (no role or e-mail).
    await expect.poll(() => requesterPage.locator(".presence-line").textContent(), { timeout: 15_000 }).toContain(`agent2 ${org.slug} is viewing`);
    expect(await requesterPage.locator(".presence-line").textContent()).not.toContain("@");

    const reply = requesterPage.getByLabel("Reply", { exact: true });
    await reply.fill("The upper tray, and it still jams.");
    await expect.poll(() => presence.textContent(), { timeout: 15_000 }).toContain("is replying");
    await reply.press("Control+Enter");

    // The other agent's ticket page: the reply, the status back to Open, on the same page.
    await expect.poll(() => ticketPage.getByText("The upper tray, and it still jams.").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => ticketPage.locator(".ticket-head-meta .badge").first().textContent(), { timeout: 15_000 }).toBe("Open");
    // The queue: the row says Open; the bell counts the assignee's new notification.
    await expect.poll(() => row.locator(".badge-status-open").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0), { timeout: 15_000 }).toBe(unreadBefore + 1);
    expect(await Promise.all([stillSamePage(queuePage), stillSamePage(ticketPage), stillSamePage(requesterPage)])).toEqual([true, true, true]);

    // An internal note is live for staff and never reaches the requester's page.
    const note = `Internal ${Date.now()}`;
    await ticketPage.getByLabel("Internal note").check();
    await ticketPage.getByLabel("Note", { exact: true }).fill(note);
    await ticketPage.getByRole("button", { name: "Send", exact: true }).click();
    const agentOnTicket = await as(org.agent);
    await agentOnTicket.goto(`${baseUrl()}/app/tickets/${ticketId}`);
    await expect.poll(() => agentOnTicket.getByText(note).count(), { timeout: 15_000 }).toBe(1);
    await requesterPage.waitForTimeout(1500);
    expect(await requesterPage.getByText(note).count()).toBe(0);
    expect(await requesterPage.content()).not.toContain(note);

    // Opening the ticket marks its notifications read, and the bell elsewhere follows.
    await expect
      .poll(async () => Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0), { timeout: 15_000 })
      .toBeLessThanOrEqual(unreadBefore);
  });

  it("with its stream live, the second agent's page shows the first agent's change and builds on it: no warning, nothing overwritten", async () => {
    const [a, b] = await Promise.all([as(org.agent), as(org.agent2)]);
    const bOpen = streamOpen(b);
    await Promise.all([a.goto(`${baseUrl()}/app/tickets/${ticketId}`), b.goto(`${baseUrl()}/app/tickets/${ticketId}`)]);
    await bOpen;
    await a.getByLabel("Priority").selectOption("urgent");
    await a.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // B sees it without reloading…
    await expect.poll(() => b.getByLabel("Priority").inputValue(), { timeout: 15_000 }).toBe("urgent");
    // …and B's change is made on top of it.
    await b.getByLabel("Status").selectOption("on_hold");
    await b.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await b.getByRole("alert").filter({ hasText: "changed this ticket since you opened it" }).count()).toBe(0);
    const row = await callJson("GET", `/api/tickets/${ticketId}`, { cookie: await signIn(org.agent) });
    expect([row.body.priority, row.body.status]).toEqual(["urgent", "on_hold"]);
  });
});

describe("the stream never crosses an organization (issue 11)", () => {
  it("another organization's agent, with an EventSource open in the page, receives nothing while this organization works", async () => {
    const [home, foreign] = await Promise.all([createOrg("e2e-live-home"), createOrg("e2e-live-foreign")]);
    const outsider = await as(foreign.agent);
    await outsider.goto(`${baseUrl()}/app`);
    // Our own EventSource in the outsider's page, collecting every event of every kind.
    await outsider.evaluate(() => {
      const w = window as unknown as { __got: string[]; __ready: boolean };
      w.__got = [];
      const es = new EventSource("/api/events");
      const kinds = [
        "ready",
        "reset",
        "end",
        "message",
        "presence",
        "ticket.created",
        "ticket.updated",
        "comment.created",
        "activity.created",
        "attachment.created",
        "attachment.updated",
        "notification.created",
        "notification.read",
      ];
      for (const k of kinds) es.addEventListener(k, (e) => w.__got.push(`${k} ${(e as MessageEvent).data}`));
    });
    await expect.poll(() => outsider.evaluate(() => (window as unknown as { __got: string[] }).__got.length), { timeout: 15_000 }).toBeGreaterThan(0);

    // A home control stream through the same server, so we know the events were flowing.
    const homeAgent = await as(home.agent);
    await homeAgent.goto(`${baseUrl()}/app`);
    await homeAgent.evaluate(() => {
      const w = window as unknown as { __got: string[] };
      w.__got = [];
      const es = new EventSource("/api/events");
      for (const k of ["ticket.created", "comment.created"]) es.addEventListener(k, (e) => w.__got.push(`${k} ${(e as MessageEvent).data}`));
    });
    await homeAgent.waitForTimeout(500);

    const requester = await signIn(home.requester);
    const agent = await signIn(home.agent);
    const secret = `home-secret-${Date.now()}`;
    const ticket = await createTicketAs(requester, { title: secret, descriptionMd: secret });
    await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: agent, body: { bodyMd: `${secret} note`, internal: true } });
    await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: agent, body: { bodyMd: `${secret} reply`, status: "pending" } });
    await callJson("POST", `/api/tickets/${ticket.id}/presence`, { cookie: agent, body: { state: "viewing" } });
    await expect
      .poll(() => homeAgent.evaluate(() => (window as unknown as { __got: string[] }).__got.filter((g) => g.startsWith("comment.created")).length), {
        timeout: 15_000,
      })
      .toBe(2);
    // A few more seconds for anything slower to arrive.
    await outsider.waitForTimeout(3000);
    const got = await outsider.evaluate(() => (window as unknown as { __got: string[] }).__got);
    expect(got).toEqual(["ready {}"]);
    expect(JSON.stringify(got)).not.toContain(ticket.id);
  });
});

describe("GET /api/events over real HTTP", () => {
  it("without a session, or with a garbage or signed-out cookie, is a plain 401 with a JSON body, answered at once", async () => {
    const signedOut = await signIn((await createOrg("e2e-live-401")).requester);
    await fetch(`${baseUrl()}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie: signedOut, origin: baseUrl(), "content-type": "application/json" },
      body: "{}",
    });
    for (const cookie of [undefined, "better-auth.session_token=garbage", signedOut]) {
      const started = Date.now();
      const res = await fetch(`${baseUrl()}/api/events`, { headers: { accept: "text/event-stream", ...(cookie ? { cookie } : {}) } });
      const body = await res.text();
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(JSON.parse(body).error.code).toBe("unauthenticated");
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });
});
