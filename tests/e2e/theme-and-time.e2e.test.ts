// Time, language and theme in real Chromium (issue 13, D8, S5). One ticket's time reads in each person's
// own zone and locale: one chose Berlin and German on the Preferences page, the other chose nothing and
// gets their browser's zone (sent once as a cookie by the app's bundle; no inline script). Dark mode
// follows the system with no class, the manual switch is rendered by the server on <html> (no flash: the
// class is in the HTML before any script), follows the person to a new device, and axe finds no WCAG A/AA
// violation (contrast included) on the queue, a ticket and the admin area in light and dark. No CSP
// violation anywhere.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatAbsolute } from "@/components/time/format-time";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser: Browser;
let org: TestOrg;
let ticket: { id: string; createdAt: string };
const baseUrl = () => inject("baseUrl");
const cspViolations: string[] = [];
const contexts: BrowserContext[] = [];

async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) cspViolations.push(m.text());
  });
  contexts.push(context);
  return context;
}

/** axe-core run through the DevTools protocol (not a <script>, which the page's CSP would rightly refuse). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join(" | ")}`);
  });
  return violations;
}

const htmlClass = (page: Page) => page.evaluate(() => document.documentElement.className);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = "rgb(245, 246, 248)";
const DARK_BG = "rgb(15, 20, 25)";

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("theme-e2e")]);
  const created = await createTicketAs(await signIn(org.requester), { title: "Printer on floor 3 jams", descriptionMd: "It **jams** every morning." });
  ticket = { id: created.id, createdAt: created.createdAt as string };
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

describe("times in each person's zone and locale (issue 13)", () => {
  it("one ticket's opening time reads in Berlin German for one agent and in the browser's Los Angeles zone for another", async () => {
    const instant = new Date(ticket.createdAt);
    const berlin = formatAbsolute(instant, { timeZone: "Europe/Berlin", locale: "de-DE" });
    const losAngeles = formatAbsolute(instant, { timeZone: "America/Los_Angeles", locale: "en-US" });
    expect(berlin).not.toBe(losAngeles);

    // Agent 1 chooses Berlin and German on the Preferences page.
    const first = await signInThroughUi(await newContext({ timezoneId: "Asia/Tokyo", locale: "en-GB" }), baseUrl(), org.agent.email, TEST_PASSWORD);
    await first.getByRole("link", { name: "Preferences" }).click();
    await first.getByRole("heading", { level: 1, name: "Preferences" }).waitFor();
    await first.getByLabel("Time zone").selectOption("Europe/Berlin");
    await first.getByLabel("Locale").selectOption("de-DE");
    await first.getByRole("button", { name: "Save preferences" }).click();
    await first.getByText("Preferences saved.").waitFor();
    await first.goto(`${baseUrl()}/app/tickets/${ticket.id}`);
    const firstTime = first.locator(`time[datetime="${instant.toISOString()}"]`).first();
    expect(await firstTime.getAttribute("title")).toBe(berlin);

    // Agent 2 chose nothing, nor did the organization: the browser's own zone and language apply.
    const second = await signInThroughUi(
      await newContext({ timezoneId: "America/Los_Angeles", locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US" } }),
      baseUrl(),
      org.agent2.email,
      TEST_PASSWORD,
    );
    await second.goto(`${baseUrl()}/app/tickets/${ticket.id}`);
    // The first visit may be worded before the zone cookie is known; the page words itself again once.
    await second.locator(`time[datetime="${instant.toISOString()}"][title="${losAngeles}"]`).first().waitFor({ timeout: 10_000 });
    expect((await second.context().cookies()).find((c) => c.name === "hd_tz")?.value).toBe("America%2FLos_Angeles");
    // A reload is worded in that zone straight from the server.
    await second.reload();
    expect(await second.locator(`time[datetime="${instant.toISOString()}"]`).first().getAttribute("title")).toBe(losAngeles);
    // The queue words the same instant in each person's own zone too.
    await first.goto(`${baseUrl()}/app`);
    expect(await first.locator(`time[datetime="${instant.toISOString()}"]`).first().getAttribute("title")).toBe(berlin);
    expect(cspViolations).toEqual([]);
  });
});

describe("dark mode (issue 13)", () => {
  it("follows the system without a class, and axe finds no violation on the queue, a ticket and the admin area in light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await signInThroughUi(await newContext({ colorScheme }), baseUrl(), org.admin.email, TEST_PASSWORD);
      expect(await htmlClass(page)).toBe("");
      expect(await bodyBackground(page)).toBe(colorScheme === "dark" ? DARK_BG : LIGHT_BG);
      for (const path of ["/app", `/app/tickets/${ticket.id}`, "/app/admin/users", "/app/admin/organization", "/app/account/preferences"]) {
        await page.goto(`${baseUrl()}${path}`);
        await page.locator("main#main").waitFor();
        expect(await axeViolations(page), `${colorScheme} ${path}`).toEqual([]);
      }
      // The check can fail: grey text on this theme's background is reported.
      await page.evaluate(() => {
        const p = document.createElement("p");
        p.textContent = "Barely readable";
        p.style.color = getComputedStyle(document.body).backgroundColor.replace(/\d+/g, (n) => String(Math.min(255, Number(n) + 30)));
        document.querySelector("main")!.append(p);
      });
      expect((await axeViolations(page)).join("\n")).toMatch(/^color-contrast: /);
    }
    expect(cspViolations).toEqual([]);
  });

  it("the manual switch is rendered on <html> by the server, survives a reload and follows the person to a new device", async () => {
    const page = await signInThroughUi(await newContext({ colorScheme: "light" }), baseUrl(), org.agent2.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/account/preferences`);
    await page.getByRole("radio", { name: "Dark" }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByText("Preferences saved.").waitFor();
    // Switched in place, without a reload…
    expect(await htmlClass(page)).toBe("theme-dark");
    expect(await bodyBackground(page)).toBe(DARK_BG);
    expect((await db().select({ theme: users.theme }).from(users).where(eq(users.id, org.agent2.id)))[0]!.theme).toBe("dark");
    // …and in the HTML the server sends, before any script runs: no flash of the light theme.
    const html = await (await page.request.get(`${baseUrl()}/app`)).text();
    expect(html).toMatch(/<html lang="en" class="theme-dark">/);
    await page.goto(`${baseUrl()}/app/tickets/${ticket.id}`);
    expect(await bodyBackground(page)).toBe(DARK_BG);
    expect(await axeViolations(page)).toEqual([]);

    // A new device with a light system: the person's choice is copied into its cookie and applied.
    const other = await signInThroughUi(await newContext({ colorScheme: "light" }), baseUrl(), org.agent2.email, TEST_PASSWORD);
    await other.waitForFunction(() => document.documentElement.classList.contains("theme-dark"));
    expect((await other.context().cookies()).find((c) => c.name === "hd_theme")?.value).toBe("dark");
    expect(await (await other.request.get(`${baseUrl()}/app`)).text()).toMatch(/<html lang="en" class="theme-dark">/);

    // Back to "Follow the system": the cookie goes, a dark system shows dark and a light one light.
    await page.goto(`${baseUrl()}/app/account/preferences`);
    await page.getByRole("radio", { name: "Follow the system" }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByText("Preferences saved.").waitFor();
    expect(await htmlClass(page)).toBe("");
    expect(await bodyBackground(page)).toBe(LIGHT_BG);
    expect((await page.context().cookies()).find((c) => c.name === "hd_theme")).toBeUndefined();
    expect(cspViolations).toEqual([]);
  });
});
