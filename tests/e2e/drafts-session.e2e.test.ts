// Issue 11 attack pass (F7), in real Chromium: a composer draft — here an internal note — does not outlive
// its author's session. However the session ends (revoked elsewhere, expired under the page, another user
// signing in on the same browser, in the same tab or another), the next person finds the text nowhere in
// storage or on their pages; a draft older than a week is gone; a reload by the same user keeps it.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { sessions } from "@/db/schema";
import { launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let browser: Browser;
let org: TestOrg;
let ticketId = "";
const contexts: BrowserContext[] = [];
const baseUrl = () => inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
  org = await createOrg("e2e-drafts");
  ticketId = (await createTicketAs(await signIn(org.requester), { title: "Drafts and sessions", descriptionMd: "x" })).id;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  return context;
}
const secret = () => `INTERNAL-${randomBytes(6).toString("hex")}`;
const noteBox = (page: Page) => page.getByLabel("Note", { exact: true });

/** Signed in as `user`, on the ticket, with `text` typed as an internal note draft (and stored). */
async function draftNote(context: BrowserContext, user: TestUser, text: string): Promise<Page> {
  const page = await signInThroughUi(context, baseUrl(), user.email, TEST_PASSWORD);
  await page.goto(`${baseUrl()}/app/tickets/${ticketId}`);
  await page.getByLabel("Internal note").check();
  await noteBox(page).fill(text);
  await expect.poll(() => storageText(page)).toContain(text);
  return page;
}

/** Everything this origin keeps in the browser's storage, as text. */
const storageText = (page: Page) => page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));

/**
 * The text is in neither storage nor the page (its HTML, and the values of its fields). Storage is
 * polled: the page that forgets drafts does so when its script runs, which may be just after `load`.
 */
async function expectNoTrace(page: Page, text: string) {
  await expect.poll(() => storageText(page), { timeout: 5_000 }).not.toContain(text);
  expect(await page.content()).not.toContain(text);
  const values = await page.evaluate(() => [...document.querySelectorAll("textarea, input")].map((e) => (e as HTMLTextAreaElement).value).join("\n"));
  expect(values).not.toContain(text);
}

/** Signs `user` in from inside the page, as a second person at this browser would: the session cookie is replaced. */
async function signInFromPage(page: Page, user: TestUser) {
  const status = await page.evaluate(
    async ({ email, password }) =>
      (
        await fetch("/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
          credentials: "same-origin",
        })
      ).status,
    { email: user.email, password: TEST_PASSWORD },
  );
  expect(status).toBe(200);
}

describe("composer drafts end with the session (issue 11, F7)", () => {
  it("the same user's reload keeps the note draft", async () => {
    const text = secret();
    const page = await draftNote(await newContext(), org.agent, text);
    await page.reload();
    await page.getByLabel("Internal note").check();
    await expect.poll(() => noteBox(page).inputValue()).toBe(text);
  });

  it("session revoked elsewhere: the next page load is the sign-in page, and the draft is nowhere", async () => {
    const text = secret();
    const page = await draftNote(await newContext(), org.agent, text);
    await db().delete(sessions).where(eq(sessions.userId, org.agent.id));
    await page.reload();
    await page.waitForURL(/\/app\/sign-in/);
    await expectNoTrace(page, text);
  });

  it("session expired under the open page: Send answers 401, storage forgets the draft at once, and nothing typed after is stored", async () => {
    const text = secret();
    const page = await draftNote(await newContext(), org.agent2, text);
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, org.agent2.id));
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByText("Your session has ended").first().waitFor();
    await expect.poll(() => storageText(page)).not.toContain(text);
    // The author can still copy the words from the page; they are just not kept for the next person.
    await noteBox(page).fill(`${text} and a second thought`);
    await page.waitForTimeout(300);
    expect(await storageText(page)).not.toContain(text);
    await page.goto(`${baseUrl()}/app`);
    await page.waitForURL(/\/app\/sign-in/);
    await expectNoTrace(page, text);
  });

  it("another user signs in in the same tab: nothing of the draft in storage or on their ticket page", async () => {
    const text = secret();
    const page = await draftNote(await newContext(), org.admin, text);
    await signInFromPage(page, org.agent);
    await page.goto(`${baseUrl()}/app/tickets/${ticketId}`);
    await page.getByLabel("Internal note").check();
    await expect.poll(() => storageText(page)).not.toContain(text);
    expect(await noteBox(page).inputValue()).toBe("");
    await expectNoTrace(page, text);
  });

  it("another user signs in in a second tab: the first tab reloads as them and its composer no longer holds the draft", async () => {
    const text = secret();
    const context = await newContext();
    const first = await draftNote(context, org.admin, text);
    const second = await context.newPage();
    await second.goto(`${baseUrl()}/app`);
    await signInFromPage(second, org.agent2);
    await second.goto(`${baseUrl()}/app`);
    // The first tab notices the browser's owner changed and reloads under the new session.
    await expect.poll(async () => (await first.content()).includes(text), { timeout: 15_000 }).toBe(false);
    await first.getByLabel("Internal note").check();
    expect(await noteBox(first).inputValue()).toBe("");
    await expectNoTrace(first, text);
    await expectNoTrace(second, text);
  });

  it("a draft not typed in for more than a week is dropped when the page loads", async () => {
    const text = secret();
    const page = await draftNote(await newContext(), org.agent, text);
    // Age the stored draft by eight days, as if the browser had been left alone since.
    await page.evaluate(
      (eightDays) => {
        for (const key of Object.keys(window.localStorage)) {
          if (!key.startsWith("helpdesk.draft.")) continue;
          const value = JSON.parse(window.localStorage.getItem(key)!);
          window.localStorage.setItem(key, JSON.stringify({ ...value, at: value.at - eightDays }));
        }
      },
      8 * 24 * 3600 * 1000,
    );
    await page.reload();
    await page.getByLabel("Internal note").check();
    await expect.poll(() => storageText(page)).not.toContain(text);
    expect(await noteBox(page).inputValue()).toBe("");
  });
});
