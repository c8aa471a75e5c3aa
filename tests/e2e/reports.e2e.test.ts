// The reports page in real Chromium (issue 13): a manager (admin) opens Reports from the navigation, sees
// each chart as an SVG image with its title, its numbers in a table and a CSV download, filters by
// priority through the URL, in light and dark colour schemes, and axe finds no accessibility violation.
// Customer satisfaction shows its counts and the latest comments as the requester wrote them (text, not markup).
// An agent has no Reports link and gets the 404 page until an admin allows agents on the organization page. No CSP
// violation anywhere (the charts need no script).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { organizations, satisfactionRatings, satisfactionRequests, tickets } from "@/db/schema";
import { contextRecordingCsp, launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DAY = 86_400_000;
const MARKUP_COMMENT = "<b>Great</b> service <img src=x onerror=alert(1)>";
let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");
const cspViolations: string[] = [];

type AxeResult = { id: string; impact: string; help: string; nodes: string[] };

/** axe-core run inside the page (through the DevTools protocol, which the page's CSP does not govern). */
async function axeViolations(page: Page): Promise<AxeResult[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected just above
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("reports-e2e")]);
  // A month of tickets (the rollup trigger keeps the reports as they are written).
  const now = Date.now();
  const rows = Array.from({ length: 40 }, (_, i) => {
    const created = new Date(now - (i % 28) * DAY - 3_600_000);
    const solved = i % 3 === 0 ? new Date(created.getTime() + (i + 1) * 1_800_000) : null;
    return {
      organizationId: org.id,
      number: 500 + i,
      title: `Report ticket ${i}`,
      descriptionMd: "x",
      requesterId: org.requester.id,
      priority: (["low", "normal", "high", "urgent"] as const)[i % 4],
      teamId: i % 2 ? org.teamId : null,
      assigneeId: i % 5 ? org.agent.id : null,
      status: solved ? ("resolved" as const) : ("open" as const),
      createdAt: created,
      updatedAt: solved ?? created,
      firstRespondedAt: new Date(created.getTime() + 600_000),
      firstResponseBusinessMs: 600_000,
      firstResponseDueAt: new Date(created.getTime() + 1_800_000),
      resolvedAt: solved,
      resolutionBusinessMs: solved ? solved.getTime() - created.getTime() : null,
      resolutionDueAt: new Date(created.getTime() + 8 * 3_600_000),
    };
  });
  const created = await db().insert(tickets).values(rows).returning({ id: tickets.id, resolvedAt: tickets.resolvedAt, priority: tickets.priority });
  // Customer satisfaction: two answers, one of them with markup in its comment (shown as text, never HTML).
  const solved = created.filter((t) => t.resolvedAt);
  for (const [i, t] of solved.slice(0, 2).entries()) {
    const [request] = await db()
      .insert(satisfactionRequests)
      .values({
        organizationId: org.id,
        ticketId: t.id,
        resolution: 1,
        requesterId: org.requester.id,
        priority: t.priority,
        tokenHash: randomBytes(32).toString("hex"),
        resolvedAt: t.resolvedAt!,
        expiresAt: new Date(t.resolvedAt!.getTime() + 14 * DAY),
        answeredAt: t.resolvedAt!,
      })
      .returning();
    await db()
      .insert(satisfactionRatings)
      .values({
        organizationId: org.id,
        requestId: request!.id,
        ticketId: t.id,
        resolution: 1,
        rating: i === 0 ? "good" : "bad",
        comment: i === 0 ? MARKUP_COMMENT : null,
        requesterId: org.requester.id,
        priority: t.priority,
        resolvedAt: t.resolvedAt!,
        answeredAt: t.resolvedAt!,
      });
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("reports in the browser (issue 13)", () => {
  it("a manager opens the reports in light and dark mode: charts, tables, CSV, filters; axe finds nothing", async () => {
    const context = await contextRecordingCsp(browser, cspViolations);
    const page = await signInThroughUi(context, baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.waitForURL(`${baseUrl()}/app/reports`);
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    for (const name of ["Tickets created and solved", "Backlog", "First response and resolution times", "SLA attainment", "Customer satisfaction"]) {
      await page.getByRole("heading", { level: 2, name }).waitFor();
    }
    // Customer satisfaction: the counts, and the comment as the requester wrote it — text, not markup.
    const csat = page.getByRole("region", { name: "Customer satisfaction" });
    await csat.getByText("1 good and 1 bad", { exact: false }).first().waitFor();
    expect(await csat.locator(".report-comment-text").first().textContent()).toBe(MARKUP_COMMENT);
    expect(await csat.locator(".report-comment-text b, .report-comment-text img").count()).toBe(0);
    // Each chart is an image named by its title; its numbers are a table.
    const volume = page.getByRole("img", { name: /Tickets created and solved per day/ });
    expect(await volume.count()).toBe(1);
    expect(await page.locator("svg[role=img] rect").count()).toBeGreaterThan(20);
    expect(await page.locator("script:not([src])").evaluateAll((s) => s.filter((x) => x.textContent?.includes("chart")).length)).toBe(0);
    await page.getByText("40 created", { exact: false }).waitFor();

    const section = page.getByRole("region", { name: "Tickets created and solved" });
    await section.getByText("Numbers").click();
    expect(await section.getByRole("table").getByRole("row").count()).toBe(31); // the header and 30 days

    // The CSV behind the chart, with the session's cookie.
    const href = await section.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
    const csv = await page.request.get(`${baseUrl()}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe('"period","created","solved"');
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(",")[1]!.replaceAll('"', "")), 0)).toBe(40);

    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => {
        for (const d of document.querySelectorAll("details")) d.open = true;
      });
      expect(await axeViolations(page), `axe, ${colorScheme}`).toEqual([]);
    }

    // Filters go through the URL (a plain GET form, no script needed).
    await page.getByLabel("Priority", { exact: true }).selectOption("high");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/priority=high/);
    await page.getByText("10 created", { exact: false }).waitFor();
    // Bad input shows a message and the defaults, never an error page.
    await page.goto(`${baseUrl()}/app/reports?from=2026-13-40`);
    await page.getByRole("alert").filter({ hasText: "not understood" }).waitFor();
    expect(await axeViolations(page), "axe, filter error").toEqual([]);
    // Another organization's team in the address is a filter not understood too (attack pass E4: a 500).
    const other = await createOrg("reports-e2e-other-team");
    const foreign = await page.goto(`${baseUrl()}/app/reports?teamId=${other.teamId}`);
    expect(foreign?.status()).toBe(200);
    await page.getByRole("alert").filter({ hasText: "not understood" }).waitFor();
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  it("an agent sees no reports until the organization allows agents", async () => {
    const context = await contextRecordingCsp(browser, cspViolations);
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).count()).toBe(0);
    const denied = await page.goto(`${baseUrl()}/app/reports`);
    expect(denied?.status()).toBe(404);

    // The admin allows agents on the organization settings page.
    const adminContext = await contextRecordingCsp(browser, cspViolations);
    const admin = await signInThroughUi(adminContext, baseUrl(), org.admin.email, TEST_PASSWORD);
    await admin.goto(`${baseUrl()}/app/admin/organization`);
    await admin.getByLabel("Agents may open the reports").check();
    await admin.getByRole("button", { name: "Save settings" }).click();
    await admin.getByText("Settings saved.").waitFor();
    expect((await db().select().from(organizations).where(eq(organizations.id, org.id)))[0]).toMatchObject({
      agentReportsAllowed: true,
      agentExportsAllowed: false,
    });
    await adminContext.close();
    await page.goto(`${baseUrl()}/app`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    await context.close();
    expect(cspViolations).toEqual([]);
  });
});
