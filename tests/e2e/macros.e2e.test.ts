// Macros in real Chromium (issue 11): an admin creates a shared macro on the admin page, an agent inserts
// it in the ticket composer — the requester's hostile name comes out as text, priority and assignee are
// saved through the normal PATCH, the status waits for Send — and sends it: one reply with the status.
// A personal macro stays with its owner; requesters get neither the page nor the picker. No script runs,
// no CSP violation.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { tickets, users } from "@/db/schema";
import { contextRecordingCsp, launchBrowser, signInThroughUi, watchForScript } from "../support/browser";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let browser: Browser;
let org: TestOrg;
let ticket: { id: string; number: number };
const baseUrl = () => inject("baseUrl");
const cspViolations: string[] = [];
const HOSTILE_NAME = "<script>window.__xss='name'</script> {{agent.name}} [x](javascript:window.__xss='link')";

const newContext = (): Promise<BrowserContext> => contextRecordingCsp(browser, cspViolations);

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("macros-e2e")]);
  await db().update(users).set({ name: HOSTILE_NAME }).where(eq(users.id, org.requester.id));
  ticket = await createTicketAs(await signIn(org.requester), { title: "VPN drops every hour" });
});

afterAll(async () => {
  await browser?.close();
});

describe("macros in the browser (issue 11)", () => {
  it("an admin creates a shared macro on the admin page", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/macros`);
    const form = page.getByRole("form", { name: "New shared macro" });
    await form.getByLabel("Name").fill("Need more details");
    await form.getByLabel("Reply text").fill("Hi {{requester.name}},\n\ncould you tell us more about #{{ticket.number}}? {{unknown.thing}}\n\n{{agent.name}}");
    await form.getByLabel("Status").selectOption("pending");
    await form.getByLabel("Priority").selectOption("high");
    await form.getByLabel("Assignee").selectOption("me");
    await form.getByRole("button", { name: "Create macro" }).click();
    await page.getByRole("heading", { level: 3, name: "Need more details" }).waitFor();
    await expect.poll(() => page.getByText("Also sets: Status: Pending · Priority: High · Assignee: me (whoever applies it)").count()).toBe(1);
    await context.close();
  });

  it("an agent keeps a personal macro that a colleague never sees", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Macros" }).click();
    await page.waitForURL(`${baseUrl()}/app/macros`);
    const form = page.getByRole("form", { name: "New personal macro" });
    await form.getByLabel("Name").fill("My private sign-off");
    await form.getByLabel("Reply text").fill("Cheers, {{agent.name}}");
    await form.getByRole("button", { name: "Create macro" }).click();
    await page.getByRole("heading", { level: 3, name: "My private sign-off" }).waitFor();
    // The shared one is listed too, read-only for an agent.
    await page.getByRole("heading", { level: 3, name: "Need more details" }).waitFor();
    expect(await page.getByRole("button", { name: "Edit Need more details" }).count()).toBe(0);
    await context.close();

    const colleague = await newContext();
    const other = await signInThroughUi(colleague, baseUrl(), org.agent2.email, TEST_PASSWORD);
    await other.goto(`${baseUrl()}/app/tickets/${ticket.id}`);
    await other.getByRole("button", { name: "Insert macro" }).click();
    await other.getByRole("button", { name: /Need more details/ }).waitFor();
    expect(await other.getByRole("button", { name: /My private sign-off/ }).count()).toBe(0);
    await colleague.close();
  });

  it("an agent inserts the macro in the composer and sends it: the hostile name is text, the fields change", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    const script = watchForScript(page);
    await page.goto(`${baseUrl()}/app/tickets/${ticket.id}`);

    await page.getByRole("button", { name: "Insert macro" }).click();
    await page.getByLabel("Find a macro").fill("details");
    await page.getByRole("button", { name: /Need more details/ }).click();

    const reply = page.getByLabel("Reply", { exact: true });
    await expect.poll(() => reply.inputValue()).toContain("could you tell us more");
    const filled = await reply.inputValue();
    // Markdown characters of the name are escaped, its {{agent.name}} is not expanded, unknown placeholders stay.
    expect(filled).toContain("\\<script\\>window.\\_\\_xss='name'\\</script\\> {{agent.name}} \\[x\\](javascript:window.\\_\\_xss='link')");
    expect(filled).toContain(`#${ticket.number}? {{unknown.thing}}`);
    expect(filled).toContain(`agent ${org.slug}`);
    // The fields other than the status were saved at once through the normal PATCH (triage shows them);
    // the status waits for Send, which sets it with the reply in one request.
    await page.getByText("set Priority: High, Assignee: me.").waitFor();
    await expect.poll(() => page.getByLabel("Priority").inputValue()).toBe("high");
    expect(await page.getByLabel("Status").inputValue()).toBe("open");
    await page.getByText("Send also sets the status to Pending.").waitFor();

    await page.getByRole("button", { name: "Send", exact: true }).click();
    // The reply shows the name as the characters the requester typed, and nothing ran.
    await page.locator(".markdown p", { hasText: "Hi <script>window.__xss='name'</script> {{agent.name}}" }).waitFor();
    expect(await page.locator(".markdown script").count()).toBe(0);
    const hrefs = await page.locator(".markdown a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((h) => h.toLowerCase().includes("javascript"))).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(script.dialogs).toEqual([]);

    // The fields went through PATCH and the comment's status, and the triage panel shows them.
    await expect
      .poll(async () => (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0])
      .toMatchObject({ status: "pending", priority: "high", assigneeId: org.agent.id });
    await page.reload();
    expect(await page.getByLabel("Status").inputValue()).toBe("pending");
    expect(await page.getByLabel("Priority").inputValue()).toBe("high");
    expect(await page.getByLabel("Reply", { exact: true }).inputValue()).toBe("");
    await context.close();
  });

  it("a requester has no macros page and no picker", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Macros" }).count()).toBe(0);
    const res = await page.goto(`${baseUrl()}/app/macros`);
    expect(res?.status()).toBe(404);
    await page.goto(`${baseUrl()}/app/tickets/${ticket.id}`);
    await page.getByLabel("Reply", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Insert macro" }).count()).toBe(0);
    await context.close();
  });

  it("no page violated the Content Security Policy", () => {
    expect(cspViolations).toEqual([]);
  });
});
