// Issue 13 in real Chromium against the app's own server with e-mail on: an agent resolves a ticket, the
// requester — signed out — opens the link from their mailbox, answers "How did we do?" with a comment
// carrying script, and is not signed in by it; the link then answers nothing more. The agent sees the
// answer on the ticket page with the comment as inert text, and no CSP violation or script ran anywhere.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { startAppServer, type AppServer } from "../support/app-server";
import { contextRecordingCsp, launchBrowser, signInThroughUi, watchForScript } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

let smtp: SmtpSink;
let server: AppServer;
let browser: Browser;
let org: TestOrg;
const contexts: BrowserContext[] = [];
const cspViolations: string[] = [];
const COMMENT = `Fixed fast <img src=x onerror="window.__csat=1;alert(1)"> thanks`;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const mailEnv = { SMTP_URL: process.env.SMTP_URL!, MAIL_FROM: "Support <support@csat.e2e.test>", MAIL_DOMAIN: "csat.e2e.test" };
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), authSecret: inject("authSecret"), env: mailEnv });
  // This process composes the mails (the worker's part): same settings, links to the server started above.
  Object.assign(process.env, mailEnv, { APP_URL: server.baseUrl });
  [browser, org] = await Promise.all([launchBrowser(), createOrg("e2e-csat")]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function httpSignIn(email: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.baseUrl },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function api(method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: server.baseUrl, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function newPage(): Promise<Page> {
  const context = await contextRecordingCsp(browser, cspViolations);
  contexts.push(context);
  return context.newPage();
}

describe("How did we do? in the browser (issue 13)", () => {
  it("the requester answers from the e-mailed link signed out; staff see the answer on the ticket, the comment inert", async () => {
    const requester = await httpSignIn(org.requester.email);
    const agent = await httpSignIn(org.agent.email);
    const created = await api("POST", "/api/tickets", requester, { title: "VPN drops every hour", descriptionMd: "Secret conversation text" });
    expect(created.status).toBe(201);
    const ticket = created.body as { id: string; number: number };
    expect((await api("PATCH", `/api/tickets/${ticket.id}`, agent, { status: "resolved" })).status).toBe(200);

    await deliverOutbox({ organizationId: org.id });
    const mail = smtp.received.find((m) => m.rcptTo.includes(org.requester.email) && m.parsed.subject?.includes("How did we do?"));
    const link = /(http:\/\/localhost:\d+\/app\/satisfaction\/[A-Za-z0-9_-]{43})/.exec(mail?.parsed.text ?? "")?.[1];
    expect(link).toBeTruthy();

    // Signed out, from the mailbox: the question and the ticket's number and title, nothing of its conversation.
    const page = await newPage();
    const watch = watchForScript(page);
    await page.goto(link!);
    await expect.poll(() => page.getByRole("heading", { name: "How did we do?" }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain("Secret conversation text");
    await page.getByLabel(/Good, I was helped/).check();
    await page.getByLabel("Comment (optional)").fill(COMMENT);
    await page.getByRole("button", { name: "Send answer" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("your answer was recorded");
    // The link authorised one answer: no session came with it.
    expect((await page.context().cookies()).filter((c) => c.name.includes("session"))).toEqual([]);
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: /already answered/ }).isVisible()).toBe(true);

    // The agent sees it on the ticket page; the comment is text, and nothing ran.
    const agentContext = await browser.newContext();
    contexts.push(agentContext);
    const agentPage = await signInThroughUi(agentContext, server.baseUrl, org.agent.email, TEST_PASSWORD);
    const agentWatch = watchForScript(agentPage);
    await agentPage.goto(`${server.baseUrl}/app/tickets/${ticket.id}`);
    const panel = agentPage.getByRole("region", { name: "Satisfaction" });
    await expect.poll(() => panel.textContent()).toContain("Good");
    expect(await panel.textContent()).toContain(COMMENT);
    expect(await panel.locator("img").count()).toBe(0);
    expect(await agentPage.evaluate(() => (window as unknown as { __csat?: number }).__csat)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __csat?: number }).__csat)).toBeUndefined();
    expect([...watch.dialogs, ...agentWatch.dialogs]).toEqual([]);
    expect([...watch.pageErrors, ...agentWatch.pageErrors]).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it("a signed-in requester answers on the ticket page; after a reopen and a new resolution they are asked again", async () => {
    const requester = await httpSignIn(org.requester.email);
    const agent = await httpSignIn(org.agent.email);
    const created = await api("POST", "/api/tickets", requester, { title: "Laptop will not boot", descriptionMd: "Black screen" });
    const ticket = created.body as { id: string };
    expect((await api("PATCH", `/api/tickets/${ticket.id}`, agent, { status: "resolved" })).status).toBe(200);

    const context = await browser.newContext();
    contexts.push(context);
    const page = await signInThroughUi(context, server.baseUrl, org.requester.email, TEST_PASSWORD);
    await page.goto(`${server.baseUrl}/app/tickets/${ticket.id}#satisfaction`);
    const panel = page.getByRole("region", { name: "Satisfaction" });
    await panel.getByLabel(/Bad, I was not helped/).check();
    await panel.getByRole("button", { name: "Send answer" }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toContain("your answer was recorded");
    await page.reload();
    await expect.poll(() => panel.textContent()).toContain("You rated resolution 1: bad.");
    expect(await panel.getByRole("button", { name: "Send answer" }).count()).toBe(0);

    expect((await api("PATCH", `/api/tickets/${ticket.id}`, agent, { status: "open" })).status).toBe(200);
    expect((await api("PATCH", `/api/tickets/${ticket.id}`, agent, { status: "resolved" })).status).toBe(200);
    await page.reload();
    await panel.getByLabel(/Good, I was helped/).check();
    await panel.getByRole("button", { name: "Send answer" }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toContain("your answer was recorded");
    const read = await api("GET", `/api/tickets/${ticket.id}/satisfaction`, agent);
    expect(read.body.items.map((r: { resolution: number; rating: string }) => [r.resolution, r.rating])).toEqual([
      [2, "good"],
      [1, "bad"],
    ]);
  });
});
