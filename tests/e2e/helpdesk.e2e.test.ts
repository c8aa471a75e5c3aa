// The first browser journey in real Chromium: sign in, open a ticket with a stored-XSS payload in its
// description, reply, add an internal note; the payloads stay inert and the requester never sees the note.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signInThroughUi, watchForScript } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");

const XSS_DESCRIPTION = [
  "Steps to reproduce:",
  "",
  "<script>window.__xss = 'script'; alert('script')</script>",
  "<img src=x onerror=\"window.__xss='img'; alert('img')\">",
  "[click me](javascript:window.__xss='link';alert('link'))",
  "<svg onload=\"window.__xss='svg'\"></svg>",
  "<iframe src=\"javascript:window.top.__xss='iframe'\"></iframe>",
  "**bold still works**",
].join("\n\n");

beforeAll(async () => {
  org = await createOrg("e2e");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("agent and requester work a ticket in the browser (D8, S5)", () => {
  let ticketUrl = "";

  it("a requester signs in and opens a ticket whose description carries XSS payloads", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    const script = watchForScript(page);
    await page.goto(`${baseUrl()}/app/tickets/new`);
    await page.getByLabel("Title").fill("Login page broken");
    await page.getByLabel("Description").fill(XSS_DESCRIPTION);
    await page.getByRole("button", { name: "Create ticket" }).click();
    await page.waitForURL(/\/app\/tickets\/[0-9a-f-]{36}$/);
    ticketUrl = page.url();

    await expect.poll(() => page.getByRole("heading", { name: "Login page broken" }).count()).toBe(1);
    expect(await page.locator("strong", { hasText: "bold still works" }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator(".markdown script, .markdown img, .markdown svg, .markdown iframe").count()).toBe(0);
    const hrefs = await page.locator(".markdown a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((h) => h.toLowerCase().includes("javascript"))).toBe(false);
    // Clicking the would-be javascript: link must not run anything either.
    const link = page.locator(".markdown a", { hasText: "click me" });
    if (await link.count()) await link.click({ noWaitAfter: true }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(script.dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await context.close();
  });

  it("an agent finds it in the queue, replies, adds an internal note and changes its status", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    const script = watchForScript(page);
    await page.getByRole("link", { name: "Login page broken" }).click();
    await page.waitForURL(ticketUrl);

    await page.getByLabel("Reply", { exact: true }).fill("Thanks, we are **on it**.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => page.locator("strong", { hasText: "on it" }).count()).toBe(1);

    await page.getByLabel("Internal note").check();
    await page.getByLabel("Note", { exact: true }).fill("Looks like the SSO certificate expired.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => page.getByText("Looks like the SSO certificate expired.").count()).toBe(1);

    // Triage fields save on change (issue 11): no Save button.
    await page.getByLabel("Status").selectOption("pending");
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.reload();
    expect(await page.getByLabel("Status").inputValue()).toBe("pending");
    expect(script.dialogs).toEqual([]);
    await context.close();
  });

  it("the requester sees the reply but not the internal note", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    await page.goto(ticketUrl);
    await expect.poll(() => page.locator("strong", { hasText: "on it" }).count()).toBe(1);
    expect(await page.content()).not.toContain("SSO certificate");
    expect(await page.getByLabel("Internal note").count()).toBe(0);
    expect(await page.getByLabel("Priority").count()).toBe(0);
    await context.close();
  });
});
