// Real Chromium from Debian driven by playwright-core (RECIPES.md): never a downloaded browser.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].filter(Boolean) as string[];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error("Chromium not found: install the Debian package `chromium` (see .ci/run)");
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context whose CSP violation reports (console) are pushed onto `violations`. */
export async function contextRecordingCsp(browser: Browser, violations: string[]): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  return context;
}

/** Signs in through the real sign-in page and waits for the queue. */
export async function signInThroughUi(context: BrowserContext, baseUrl: string, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/app/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/app`);
  return page;
}

/** Collects everything that would betray executed script: dialogs, console errors and page errors. */
export function watchForScript(page: Page) {
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { dialogs, pageErrors };
}

/**
 * One Chromium for a test file, launched before its tests and closed after them with every context it
 * opened; `as(user)` is a fresh context signed in as that user through the sign-in page.
 */
export function browserSessions(baseUrl: () => string, password: string) {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    async as(user: { email: string }): Promise<Page> {
      const context = await browser!.newContext();
      contexts.push(context);
      return signInThroughUi(context, baseUrl(), user.email, password);
    },
  };
}
