// Issue 12 in real Chromium against the app's own server with e-mail on: a customer's mail is on the
// ticket (recorded as the inbound side records it), the agent writes a note and a reply in the UI, and the
// reply — only the reply — reaches the customer's mailbox threaded under their mail, with the signed reply
// address. And a user who forgot their password gets a link by e-mail, chooses a new one on the reset
// page, and signs in with it. The worker's functions run in this process against the same database.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { ticketMailMessages } from "@/db/schema";
import { processPasswordResetRequests } from "@/domain/account/process-password-reset-requests";
import { parseReplyAddress } from "@/domain/mail/reply-address";
import { unsafeOrganizationOfTicket } from "@/db/unsafe-ticket-organization";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { startAppServer, type AppServer } from "../support/app-server";
import { contextRecordingCsp, launchBrowser, signInThroughUi, watchForScript } from "../support/browser";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

let smtp: SmtpSink;
let server: AppServer;
let browser: Browser;
let org: TestOrg;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  const mailEnv = { SMTP_URL: process.env.SMTP_URL!, MAIL_FROM: "Support <support@help.e2e.test>", MAIL_DOMAIN: "help.e2e.test" };
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), authSecret: inject("authSecret"), env: mailEnv });
  // This process composes the mails (the worker's part): same settings, links to the server started above.
  Object.assign(process.env, mailEnv, { APP_URL: server.baseUrl });
  [browser, org] = await Promise.all([launchBrowser(), createOrg("e2e-mail")]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** Signs in over HTTP to the server started here and returns its cookie (the in-process helpers use another origin). */
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

const cspViolations: string[] = [];
async function newPage(): Promise<Page> {
  const context = await contextRecordingCsp(browser, cspViolations);
  contexts.push(context);
  return context.newPage();
}

describe("e-mail in the browser (issue 12)", () => {
  it("the agent's reply in the UI reaches the customer threaded under their mail; the note does not", async () => {
    const created = await fetch(`${server.baseUrl}/api/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.baseUrl, cookie: await httpSignIn(org.requester.email) },
      body: JSON.stringify({ title: "Invoice 4711 is wrong", descriptionMd: "Please fix the VAT." }),
    });
    expect(created.status).toBe(201);
    const t = (await created.json()) as { id: string; number: number };
    const inbound = `<${randomUUID()}@mail.customer.test>`;
    await db().insert(ticketMailMessages).values({ organizationId: org.id, ticketId: t.id, messageId: inbound, direction: "inbound" });

    const context = await browser.newContext();
    contexts.push(context);
    const page = await signInThroughUi(context, server.baseUrl, org.agent.email, TEST_PASSWORD);
    const watch = watchForScript(page);
    await page.goto(`${server.baseUrl}/app/tickets/${t.id}`);
    const send = page.getByRole("button", { name: "Send", exact: true });
    await page.getByLabel("Internal note").check();
    await page.getByLabel("Note", { exact: true }).fill("E2E-NOTE-SECRET check the customer's credit first");
    await send.click();
    await page.getByText("E2E-NOTE-SECRET").first().waitFor();
    await page.getByLabel("Public reply").check();
    const replyBox = page.getByLabel("Reply", { exact: true });
    await replyBox.fill("We corrected the **VAT**. <img src=x onerror=alert(1)>");
    await send.click();
    await expect.poll(() => replyBox.inputValue()).toBe("");

    await deliverOutbox({ organizationId: org.id });
    const toCustomer = smtp.received.filter((m) => m.rcptTo.includes(org.requester.email));
    expect(toCustomer).toHaveLength(1);
    const mail = toCustomer[0]!;
    expect(mail.parsed.subject).toBe(`[#${t.number}] Invoice 4711 is wrong`);
    expect(mail.parsed.inReplyTo).toBe(inbound);
    expect(mail.parsed.references).toEqual(inbound);
    expect(String(mail.parsed.html)).toContain("<strong>VAT</strong>");
    expect(String(mail.parsed.html)).not.toContain("<img");
    expect([mail.raw, mail.parsed.text, mail.parsed.html].join()).not.toContain("E2E-NOTE-SECRET");
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? "";
    expect(await parseReplyAddress(replyTo, unsafeOrganizationOfTicket)).toEqual({ organizationId: org.id, ticketId: t.id });
    const [row] = await db().select().from(ticketMailMessages).where(eq(ticketMailMessages.messageId, mail.parsed.messageId!));
    expect(row).toMatchObject({ ticketId: t.id, direction: "outbound" });
    expect(watch.dialogs).toEqual([]);
  });

  it("forgot password: the link from the e-mail opens the reset page, the new password signs in, the old one does not", async () => {
    const user = await createUser(org.id, org.slug, `forgetful-${randomUUID().slice(0, 6)}`, "agent");
    const page = await newPage();
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${server.baseUrl}/app/forgot-password`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByRole("status").filter({ hasText: "a link to choose a new password is on its way" }).waitFor();

    await processPasswordResetRequests();
    await deliverOutbox({ organizationId: org.id });
    const mail = smtp.received.find((m) => m.rcptTo.includes(user.email));
    const link = /(http\S+\/app\/reset-password#token=\S+)/.exec(mail?.parsed.text ?? "")?.[1];
    expect(link, mail?.parsed.text).toBeDefined();

    await page.goto(link!);
    // The token leaves the address bar (and history) as soon as the page has read it.
    await expect.poll(() => page.url()).toBe(`${server.baseUrl}/app/reset-password`);
    const password = "quartz-meadow-signal-53";
    await page.getByLabel("New password").fill(password);
    await page.getByLabel("Repeat the password").fill(password);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByRole("status").filter({ hasText: "Your password was changed" }).waitFor();

    // The same link a second time (a fresh page: the same URL would only change the fragment): refused.
    const again = await newPage();
    await again.goto(link!);
    await again.getByLabel("New password").fill("another-quartz-meadow-54");
    await again.getByLabel("Repeat the password").fill("another-quartz-meadow-54");
    await again.getByRole("button", { name: "Set new password" }).click();
    await again.getByRole("alert").filter({ hasText: "invalid, has expired or was already used" }).waitFor();
    await again.getByRole("link", { name: "Ask for a new link" }).waitFor();

    const context = await browser.newContext();
    contexts.push(context);
    await signInThroughUi(context, server.baseUrl, user.email, password);
    const old = await fetch(`${server.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.baseUrl },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(old.status).toBe(401);
    // The forgot and reset pages run under the same nonce-based CSP as every page, without a violation.
    expect(cspViolations).toEqual([]);
  });

  it("an invitation goes by e-mail: the admin sees no link, the invitee sets a password through the mailed one", async () => {
    const admin = await signInThroughUi(await contextRecordingCsp(browser, cspViolations), server.baseUrl, org.admin.email, TEST_PASSWORD);
    await admin.goto(`${server.baseUrl}/app/admin/users`);
    const email = `mailed-${randomUUID().slice(0, 6)}@${org.slug}.test`;
    await admin.getByLabel("Name", { exact: true }).fill("Mia Mailed");
    await admin.getByLabel("E-mail", { exact: true }).fill(email);
    await admin.getByLabel("Role", { exact: true }).first().selectOption("agent");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: `e-mailed to ${email}` })
      .waitFor();
    expect(await admin.getByLabel("Invite link").count()).toBe(0);
    expect(await admin.content()).not.toContain("/app/invite/");

    await deliverOutbox({ organizationId: org.id });
    const mail = smtp.received.find((m) => m.rcptTo.includes(email));
    const link = /(http\S+\/app\/invite\/[A-Za-z0-9_-]{43})/.exec(mail?.parsed.text ?? "")?.[1];
    expect(link, mail?.parsed.text).toBeDefined();
    const invitee = await newPage();
    await invitee.goto(link!);
    await invitee.getByRole("heading", { name: "Welcome, Mia Mailed" }).waitFor();
    const password = "harbor-violet-engine-61";
    await invitee.getByLabel("New password").fill(password);
    await invitee.getByLabel("Repeat the password").fill(password);
    await invitee.getByRole("button", { name: "Set password and sign in" }).click();
    await invitee.waitForURL(`${server.baseUrl}/app`);
    await invitee.getByText("Mia Mailed").first().waitFor();
    expect(cspViolations).toEqual([]);
  });
});
