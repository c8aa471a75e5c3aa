// Issue 11 in real Chromium: an agent selects tickets in the queue and changes them with the bulk action
// bar; filters apply as they change; the filters are saved as a view that the sidebar lists with its count;
// a ticket opened from the view leads back to the same view and page; Previous and Next page through it.
// Tag names and view names carrying XSS payloads render as text (S5).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signInThroughUi, watchForScript } from "../support/browser";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");
const TAG_PAYLOAD = "<img src=x onerror=alert(1)>";
const VIEW_PAYLOAD = '<svg onload="window.__xss=1">Waiting';
const titles = ["Printer on fire", "VPN drops hourly", "Invoice missing", "Laptop will not boot"];

async function screenshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const xssRan = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

beforeAll(async () => {
  org = await createOrg("e2e-triage");
  const requester = await signIn(org.requester);
  for (const title of titles) await createTicketAs(requester, { title });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the agent's queue: selection, bulk actions, saved views (issue 11)", () => {
  it("selects two tickets, sets them pending and tags them in one step; the tag renders as text", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    const script = watchForScript(page);
    await expect.poll(() => page.getByRole("link", { name: "Printer on fire" }).count()).toBe(1);
    // The subtitle names the real order.
    expect(await page.getByText("Every ticket in your organization, newest first.").count()).toBe(1);

    const rowOf = (title: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await rowOf("Printer on fire").getByRole("checkbox").check();
    await rowOf("Invoice missing").getByRole("checkbox").check();
    const bar = page.getByRole("form", { name: "Bulk actions" });
    await expect.poll(() => bar.getByText("2 selected").count()).toBe(1);
    await bar.getByLabel("Set status").selectOption("pending");
    await bar.getByLabel("Add tag").fill(TAG_PAYLOAD);
    await bar.getByRole("button", { name: "Apply to 2 tickets" }).click();
    await bar.getByRole("status").filter({ hasText: "2 updated." }).waitFor();
    await screenshot(page, "triage-bulk-applied");

    // The page refreshed: both rows are pending and carry the tag, shown as its characters.
    await expect.poll(() => rowOf("Printer on fire").getByText("Pending").count()).toBe(1);
    expect(await rowOf("Invoice missing").getByText("Pending").count()).toBe(1);
    expect(await rowOf("VPN drops hourly").getByText("Pending").count()).toBe(0);
    const tagText = "<img-src=x-onerror=alert(1)>";
    expect(await rowOf("Printer on fire").locator(".tag").textContent()).toBe(tagText);
    expect(await page.locator(".tag-list img, .tag-list script").count()).toBe(0);
    expect(script.dialogs).toEqual([]);
    expect(script.pageErrors).toEqual([]);
    await context.close();
  });

  it("filters apply as they change, are saved as a view listed in the sidebar with its count, and a ticket leads back to it", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await signInThroughUi(context, baseUrl(), org.agent2.email, TEST_PASSWORD);
    const script = watchForScript(page);
    await expect.poll(() => page.getByRole("link", { name: "Printer on fire" }).count()).toBe(1);

    // No Apply button: choosing a status changes the URL and the list.
    expect(await page.getByRole("button", { name: "Apply filters" }).count()).toBe(0);
    await page.getByRole("search").getByLabel("Status").selectOption("pending");
    await page.waitForURL(/status=pending/);
    await expect.poll(() => page.getByRole("link", { name: "VPN drops hourly" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Printer on fire" }).count()).toBe(1);
    // Typed text applies after a pause, while the field keeps the focus.
    const search = page.getByRole("search").getByLabel("Search");
    await search.pressSequentially("Printer");
    await page.waitForURL(/q=Printer/);
    await expect.poll(() => page.getByRole("link", { name: "Invoice missing" }).count()).toBe(0);
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill("");
    await page.waitForURL((url) => !url.searchParams.has("q"));
    await page.getByRole("search").getByLabel("Order").selectOption("due");
    await page.waitForURL(/sort=due/);
    await expect.poll(() => page.getByText("Every ticket in your organization, due soonest first.").count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "Invoice missing" }).count()).toBe(1);

    await page.getByRole("button", { name: "Save current filters as a view" }).click();
    await page.getByLabel("View name").fill(VIEW_PAYLOAD);
    await page.getByRole("button", { name: "Save view" }).click();
    await page.waitForURL(/view=[0-9a-f-]{36}/);
    const sidebar = page.getByRole("navigation", { name: "Saved views" });
    const viewLink = sidebar.getByRole("link", { name: new RegExp(VIEW_PAYLOAD.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
    await expect.poll(() => viewLink.count()).toBe(1);
    expect(await viewLink.locator(".view-count").textContent()).toBe("2");
    expect(await viewLink.getAttribute("aria-current")).toBe("page");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(VIEW_PAYLOAD);
    expect(await page.locator(".views-sidebar svg, h1 svg").count()).toBe(0);
    await screenshot(page, "triage-saved-view");
    const viewUrl = page.url();

    // Open a ticket from the view; "Back to the queue" returns to the same view, filters and page.
    await page.getByRole("link", { name: "Invoice missing" }).click();
    await page.waitForURL(/\/app\/tickets\/[0-9a-f-]{36}\?from=/);
    // The ticket's tags in the triage controls: the payload shown as text, one more added with Enter
    // (saved at once, like every triage field).
    const triage = page.getByRole("complementary", { name: "Ticket details" });
    await expect.poll(() => triage.locator(".tag").first().textContent()).toContain("<img-src=x-onerror=alert(1)>");
    await triage.getByLabel("Tags", { exact: true }).fill("Needs Reply");
    await triage.getByLabel("Tags", { exact: true }).press("Enter");
    await triage.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await expect.poll(() => triage.getByRole("button", { name: "Remove tag needs-reply" }).count()).toBe(1);
    await screenshot(page, "triage-ticket");
    await page.getByRole("link", { name: "← Back to the queue" }).click();
    await page.waitForURL(viewUrl);
    expect(new URL(page.url()).search).toBe(new URL(viewUrl).search);
    await expect.poll(() => viewLink.getAttribute("aria-current")).toBe("page");

    // Previous and Next, one ticket per page; the ticket link from page 2 leads back to page 2.
    await page.goto(`${baseUrl()}/app?limit=1`);
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    const secondTitle = await page.locator(".ticket-title a").textContent();
    await page.locator(".ticket-title a").click();
    await page.waitForURL(/\/app\/tickets\//);
    await page.getByRole("link", { name: "← Back to the queue" }).click();
    await page.waitForURL(/cursor=/);
    expect(await page.locator(".ticket-title a").textContent()).toBe(secondTitle);
    await page.getByRole("link", { name: "Previous page" }).click();
    await page.waitForURL(/before=/);
    expect(await page.locator(".ticket-title a").textContent()).toBe(titles.at(-1));
    expect(await page.getByRole("link", { name: "Previous page" }).count()).toBe(0);

    expect(script.dialogs).toEqual([]);
    expect(await xssRan(page)).toBeUndefined();
    await context.close();
  });

  it("a requester sees neither checkboxes, tags nor saved views", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    await expect.poll(() => page.getByRole("link", { name: "Printer on fire" }).count()).toBe(1);
    expect(await page.getByRole("checkbox").count()).toBe(0);
    expect(await page.getByRole("navigation", { name: "Saved views" }).count()).toBe(0);
    expect(await page.content()).not.toContain("onerror");
    await context.close();
  });
});
