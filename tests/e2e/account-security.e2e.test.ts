// Account security in real Chromium (S2, S3, D8): TOTP enrolment through the page and sign-in with it
// (no replay, one-time recovery codes), the sessions list and revocation, and an organization that
// requires MFA sending its members to enrol. Every page is watched for CSP violations: the QR code is a
// data: image drawn in the browser and must pass the nonce CSP without any exception to it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { base32 } from "@better-auth/utils/base32";
import { launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { totpCode } from "../support/totp";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");
const SECURITY_URL = () => `${baseUrl()}/app/account/security`;
const SIGN_IN_URL = () => `${baseUrl()}/app/sign-in`;
const MFA_REQUIRED_URL = () => `${baseUrl()}/app/account/security?mfa=required`;
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** CSP violations from every page of every context, as console messages and as violation events. */
const cspViolations: string[] = [];

async function newContext(options: { userAgent?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) cspViolations.push(`console: ${m.text()}`);
  });
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => {
    cspViolations.push(`event: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return context;
}

/** Screenshots for a human look at the UI, only when E2E_SCREENSHOT_DIR is set. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Enrols through the security page like a user with an authenticator app; returns what the page showed. */
async function enrolThroughUi(page: Page) {
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await page.getByLabel("Confirm with your password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();

  const qr = page.getByRole("img", { name: "QR code to scan with your authenticator app" });
  await qr.waitFor();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  const key = (await page.getByLabel("Setup key").inputValue()).replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  const secret = base32.decode(key);
  const recoveryCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await screenshot(page, "enrol-setup");

  // The code field appears only once the user says the recovery codes are saved.
  expect(await page.getByLabel("Code from your authenticator app").count()).toBe(0);
  await page.getByLabel("I have saved these recovery codes").check();
  await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Two-factor authentication is on" }).count()).toBe(1);
  await expect.poll(() => page.locator(".badge-on", { hasText: "On" }).count()).toBe(1);
  return { secret, recoveryCodes: recoveryCodes.map((c) => c.trim()) };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(SIGN_IN_URL());
}

/** The password step of sign-in for an account with TOTP: it must lead to the code step, not in. */
async function passwordStep(page: Page, email: string) {
  await page.goto(SIGN_IN_URL());
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").waitFor();
  expect(page.url()).toBe(SIGN_IN_URL());
  // The code step asks for the code only; the password step's line is gone (issue 13).
  expect(await page.getByText("Use the email and password your administrator gave you.").count()).toBe(0);
}

async function submitCode(page: Page, code: string, { backup = false } = {}) {
  if (backup) await page.getByLabel("Use a backup code").check();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** A refused code: an alert on the code step, still on sign-in, and no session (the app sends us back). */
async function expectRefused(page: Page, message: string | RegExp = "Wrong or expired code") {
  await page.getByRole("alert").filter({ hasText: message }).waitFor();
  expect(page.url()).toBe(SIGN_IN_URL());
  const probe = await page.context().newPage();
  await probe.goto(`${baseUrl()}/app`);
  expect(probe.url()).toBe(SIGN_IN_URL());
  await probe.close();
}

beforeAll(async () => {
  org = await createOrg("account-e2e");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("two-factor sign-in end to end (S2)", () => {
  it("a user enrols on the security page, then signs in with a TOTP code; a replayed code is refused; a recovery code works once", async () => {
    const user = await createUser(org.id, org.slug, "totp-ui", "agent");
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), user.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Account security" }).click();
    await page.waitForURL(SECURITY_URL());
    await screenshot(page, "security-before");
    const { secret, recoveryCodes } = await enrolThroughUi(page);
    await screenshot(page, "security-enrolled");
    await signOut(page);

    // Sign-in now has a second step; the next step's code is valid and was never used.
    const code = await totpCode(secret, 1);
    await passwordStep(page, user.email);
    await screenshot(page, "sign-in-code-step");
    await submitCode(page, code);
    await page.waitForURL(`${baseUrl()}/app`);
    await signOut(page);

    // The same code again, in a fresh sign-in, within its window: refused.
    await passwordStep(page, user.email);
    await submitCode(page, code);
    await expectRefused(page, "already used");
    await screenshot(page, "sign-in-replay-refused");

    // A recovery code signs in once...
    await passwordStep(page, user.email);
    await submitCode(page, recoveryCodes[0]!, { backup: true });
    await page.waitForURL(`${baseUrl()}/app`);
    await signOut(page);
    // ...and never again.
    await passwordStep(page, user.email);
    await submitCode(page, recoveryCodes[0]!, { backup: true });
    await expectRefused(page);
    await context.close();
  });
});

describe("active sessions (S3)", () => {
  it("another browser signed in as the same user is listed, and revoking it signs that browser out", async () => {
    const user = await createUser(org.id, org.slug, "sessions-ui", "agent");
    const mine = await newContext();
    const theirs = await newContext({ userAgent: FIREFOX_ON_WINDOWS });
    const page = await signInThroughUi(mine, baseUrl(), user.email, TEST_PASSWORD);
    const other = await signInThroughUi(theirs, baseUrl(), user.email, TEST_PASSWORD);

    await page.goto(SECURITY_URL());
    const rows = page.getByRole("table", { name: "Your active sessions" }).locator("tbody tr");
    expect(await rows.count()).toBe(2);
    const current = rows.filter({ hasText: "This device" });
    expect(await current.count()).toBe(1);
    expect(await current.getByRole("button").count()).toBe(0);
    expect(await rows.filter({ hasText: "Firefox on Windows" }).count()).toBe(1);
    await screenshot(page, "sessions-two");

    await page.getByRole("button", { name: "Revoke session: Firefox on Windows" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.filter({ hasText: "This device" }).count()).toBe(1);

    await other.goto(`${baseUrl()}/app`);
    expect(other.url()).toBe(SIGN_IN_URL());
    // The revoking browser is still signed in.
    await page.goto(`${baseUrl()}/app`);
    expect(page.url()).toBe(`${baseUrl()}/app`);
    await mine.close();
    await theirs.close();
  });

  it("'Sign out all other sessions' ends every other session and keeps this one", async () => {
    const user = await createUser(org.id, org.slug, "revoke-all-ui", "agent");
    const mine = await newContext();
    const page = await signInThroughUi(mine, baseUrl(), user.email, TEST_PASSWORD);
    const others = await Promise.all([newContext(), newContext({ userAgent: FIREFOX_ON_WINDOWS })]);
    const otherPages = [];
    for (const c of others) otherPages.push(await signInThroughUi(c, baseUrl(), user.email, TEST_PASSWORD));

    await page.goto(SECURITY_URL());
    const rows = page.getByRole("table", { name: "Your active sessions" }).locator("tbody tr");
    expect(await rows.count()).toBe(3);
    await page.getByRole("button", { name: "Sign out all other sessions" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText("You are not signed in anywhere else.").waitFor();

    for (const p of otherPages) {
      await p.goto(`${baseUrl()}/app`);
      expect(p.url()).toBe(SIGN_IN_URL());
    }
    await page.reload();
    expect(page.url()).toBe(SECURITY_URL());
    await mine.close();
    for (const c of others) await c.close();
  });
});

describe("an organization that requires MFA (S2)", () => {
  it("an admin turns the requirement on; an agent without MFA is sent to the security page until they enrol", async () => {
    const strict = await createOrg("mfa-ui");
    const adminContext = await newContext();
    const admin = await signInThroughUi(adminContext, baseUrl(), strict.admin.email, TEST_PASSWORD);
    await admin.goto(SECURITY_URL());
    const toggle = admin.getByRole("switch", { name: "Require two-factor authentication for everyone" });
    expect(await toggle.isChecked()).toBe(false);
    const saved = admin.waitForResponse((r) => r.url().endsWith("/api/admin/organization") && r.request().method() === "PATCH");
    await toggle.check();
    expect((await saved).status()).toBe(200);
    // The admin has no MFA either: the page now tells them so, and the switch stays on after a reload.
    await admin.getByRole("heading", { name: "Two-factor authentication is required" }).waitFor();
    await admin.reload();
    expect(await admin.getByRole("switch", { name: "Require two-factor authentication for everyone" }).isChecked()).toBe(true);
    await screenshot(admin, "org-mfa-required-admin");

    // An agent signs in: the queue sends them to enrol, and so does every other page.
    const agentContext = await newContext();
    const agent = await agentContext.newPage();
    await agent.goto(SIGN_IN_URL());
    await agent.getByLabel("Email").fill(strict.agent.email);
    await agent.getByLabel("Password").fill(TEST_PASSWORD);
    await agent.getByRole("button", { name: "Sign in" }).click();
    await agent.waitForURL(MFA_REQUIRED_URL());
    await agent.getByRole("heading", { name: "Two-factor authentication is required" }).waitFor();
    expect(await agent.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await screenshot(agent, "mfa-required-agent");
    for (const p of ["/app", "/app/tickets/new", `/app/tickets/${crypto.randomUUID()}`]) {
      await agent.goto(`${baseUrl()}${p}`);
      expect(agent.url(), p).toBe(MFA_REQUIRED_URL());
    }

    // Enrolling lifts the gate.
    await enrolThroughUi(agent);
    expect(await agent.getByRole("heading", { name: "Two-factor authentication is required" }).count()).toBe(0);
    await agent.goto(`${baseUrl()}/app`);
    expect(agent.url()).toBe(`${baseUrl()}/app`);
    await adminContext.close();
    await agentContext.close();
  });

  it("a non-admin does not see the organization switch", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.requester.email, TEST_PASSWORD);
    await page.goto(SECURITY_URL());
    await page.getByRole("heading", { name: "Account security" }).waitFor();
    expect(await page.getByRole("switch").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Organization security" }).count()).toBe(0);
    await context.close();
  });
});

describe("small screens (D8)", () => {
  it("the header with its account link and the security page fit a phone's width", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    for (const url of [`${baseUrl()}/app`, SECURITY_URL()]) {
      await page.goto(url);
      await screenshot(page, `phone-${url === SECURITY_URL() ? "security" : "queue"}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      expect(await page.getByRole("link", { name: "Account security" }).isVisible()).toBe(true);
    }
    await context.close();
  });
});

describe("change password (S3)", () => {
  it("shows the server's policy message for a weak password, then changes it and keeps this browser signed in", async () => {
    const user = await createUser(org.id, org.slug, "password-ui", "agent");
    const mine = await newContext();
    const theirs = await newContext();
    const page = await signInThroughUi(mine, baseUrl(), user.email, TEST_PASSWORD);
    const other = await signInThroughUi(theirs, baseUrl(), user.email, TEST_PASSWORD);
    await page.goto(SECURITY_URL());

    await page.getByLabel("Current password").fill(TEST_PASSWORD);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    expect(await page.getByLabel("New password").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("New password").fill("plum-harbour-violin-42");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor();
    await screenshot(page, "password-changed");

    await other.goto(`${baseUrl()}/app`);
    expect(other.url()).toBe(SIGN_IN_URL());
    await page.goto(`${baseUrl()}/app`);
    expect(page.url()).toBe(`${baseUrl()}/app`);
    await mine.close();
    await theirs.close();
  });
});

describe("content security policy", () => {
  it("no page of these journeys violated the CSP", () => {
    expect(cspViolations).toEqual([]);
  });
});
