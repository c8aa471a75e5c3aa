// Issue 10 (forms): every client form goes through Field and useFormSubmit. In real Chromium: a form sent
// twice in the same tick (double click, Enter and click) reaches the API once, and a server's field error
// stands under its field, wired to the control (aria-invalid, aria-describedby) as a screen reader reads it.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("forms-e2e")]);
});
afterAll(async () => {
  await browser?.close();
});

/** Counts the requests the page sends with this method to URLs matching the pattern. */
function countRequests(page: Page, method: string, url: RegExp) {
  const seen = { count: 0 };
  page.on("request", (r) => {
    if (r.method() === method && url.test(r.url())) seen.count += 1;
  });
  return seen;
}

/** Submits the control's form twice before React can re-render (what a double click or Enter + click does). */
async function submitTwiceInOneTick(control: Locator) {
  await control.evaluate((el) => {
    const form = (el as HTMLInputElement).form!;
    form.requestSubmit();
    form.requestSubmit();
  });
}

/** The error texts the control is described by, in order. */
async function describedBy(page: Page, control: Locator): Promise<string[]> {
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a user reads, not a DOM property
  return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
}

describe("forms share one submission flow and one field wiring (issue 10)", () => {
  let ticketUrl = "";

  it("a new ticket sent twice in one tick is created once", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/tickets/new`);
    const posts = countRequests(page, "POST", /\/api\/tickets$/);
    await page.getByLabel("Title").fill("Printer on fire");
    await submitTwiceInOneTick(page.getByLabel("Title"));
    await page.waitForURL(/\/app\/tickets\/[0-9a-f-]{36}$/);
    ticketUrl = page.url();
    expect(posts.count).toBe(1);
    await context.close();
  });

  it("a reply sent twice in one tick is added once; after it the form sends again", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    await page.goto(ticketUrl);
    const posts = countRequests(page, "POST", /\/comments$/);
    await page.getByLabel("Reply", { exact: true }).fill("Extinguisher is on its way.");
    await submitTwiceInOneTick(page.getByLabel("Reply", { exact: true }));
    await page.getByRole("status").filter({ hasText: "Reply sent." }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(posts.count).toBe(1);
    await expect.poll(() => page.getByText("Extinguisher is on its way.").count()).toBe(1);

    // Not stuck: the next reply goes out (the guard is released after success).
    await page.getByLabel("Reply", { exact: true }).fill("Fire is out.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => page.getByText("Fire is out.").count()).toBe(1);
    expect(posts.count).toBe(2);
    await context.close();
  });

  it("a schema error stands under its field, read as a sentence, with the summary pointing there", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/tickets/new`);
    const title = page.getByLabel("Title");
    // Spaces pass the browser's `required` but not the server's trim().min(1).
    await title.fill("   ");
    await page.getByRole("button", { name: "Create ticket" }).click();
    await page.getByRole("alert").filter({ hasText: "Please correct the fields marked below." }).waitFor();
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await describedBy(page, title)).toEqual(["Title is required"]);
    // A field with a hint is described by the hint first, and stays valid when the error is elsewhere.
    const description = page.getByLabel("Description");
    expect(await description.getAttribute("aria-invalid")).toBeNull();
    expect(await describedBy(page, description)).toEqual(["Markdown is supported: **bold**, lists, `code`, links."]);
    expect(page.url()).toBe(`${baseUrl()}/app/tickets/new`);
    await context.close();
  });

  it("a conflict on the admin's team form is announced under the field and cleared by the next success", async () => {
    const context = await browser.newContext();
    const page = await signInThroughUi(context, baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/teams`);
    const name = page.getByLabel("Team name");
    await name.fill("Night shift");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("heading", { name: "Night shift" }).waitFor();

    await name.fill("Night shift");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("alert").filter({ hasText: "A team with this name already exists" }).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await describedBy(page, name)).toEqual(["A team with this name already exists"]);

    await name.fill("Day shift");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("heading", { name: "Day shift" }).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBeNull();
    expect(await name.getAttribute("aria-describedby")).toBeNull();
    expect(await name.inputValue()).toBe("");
    await context.close();
  });
});
