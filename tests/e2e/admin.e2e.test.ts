// The admin area in real Chromium (S17): an admin invites a user through the page, the invitee opens the
// one-time link in another browser, sets a password and lands signed in; the link is spent afterwards;
// an agent gets the 404 page for the admin area and sees no admin link. CSP violations fail the test.
import type { Browser, BrowserContext } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { contextRecordingCsp, launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg } from "../support/factory";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");
const cspViolations: string[] = [];

const newContext = (): Promise<BrowserContext> => contextRecordingCsp(browser, cspViolations);

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("admin-e2e")]);
});

afterAll(async () => {
  await browser?.close();
});

describe("admin area in the browser (S17)", () => {
  it("an admin invites a user; the invitee sets a password through the link and lands signed in", async () => {
    const adminContext = await newContext();
    const admin = await signInThroughUi(adminContext, baseUrl(), org.admin.email, TEST_PASSWORD);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await admin.waitForURL(`${baseUrl()}/app/admin/users`);
    await expect(admin.getByRole("heading", { level: 1, name: "Users" }).isVisible()).resolves.toBe(true);

    const email = `invitee-${Date.now()}@${org.slug}.test`;
    await admin.getByLabel("Name", { exact: true }).fill("Ivy Invitee");
    await admin.getByLabel("E-mail", { exact: true }).fill(email);
    await admin.getByLabel("Role", { exact: true }).first().selectOption("agent");
    await admin.getByRole("button", { name: "Create invite link" }).click();
    const linkField = admin.getByLabel("Invite link");
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/app\/invite\/[A-Za-z0-9_-]{43}$/);
    // The new user is listed as invited.
    await admin.locator(`tr[data-user-email="${email}"]`).getByText("Invited").waitFor();

    const inviteeContext = await newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(new URL(new URL(link).pathname, baseUrl()).toString());
    await invitee.getByRole("heading", { name: "Welcome, Ivy Invitee" }).waitFor();
    await invitee.getByLabel("New password").fill("short");
    await invitee.getByLabel("Repeat the password").fill("short");
    await invitee.getByRole("button", { name: "Set password and sign in" }).click();
    // The browser's own minlength check or the server's policy message stops a short password.
    expect(invitee.url()).toContain("/app/invite/");

    const password = "amber-meadow-falcon-82";
    await invitee.getByLabel("New password").fill(password);
    await invitee.getByLabel("Repeat the password").fill(password);
    await invitee.getByRole("button", { name: "Set password and sign in" }).click();
    await invitee.waitForURL(`${baseUrl()}/app`);
    await invitee.getByText("Ivy Invitee").first().waitFor();
    // An agent: no admin link in the header.
    expect(await invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);

    // The link is spent.
    const again = await (await newContext()).newPage();
    await again.goto(new URL(new URL(link).pathname, baseUrl()).toString());
    await again.getByRole("heading", { name: "This invite link cannot be used" }).waitFor();

    // Back in the admin's browser the user is now active.
    await admin.reload();
    await admin.locator(`tr[data-user-email="${email}"]`).getByText("Active", { exact: true }).waitFor();
    expect(cspViolations).toEqual([]);
  });

  it("an address of another organization is listed and invited like a fresh one; only acceptance says no (issue 9 item 13)", async () => {
    const other = await createOrg("admin-e2e-other");
    const adminContext = await newContext();
    const admin = await signInThroughUi(adminContext, baseUrl(), org.admin.email, TEST_PASSWORD);
    const inviteThroughPage = async (name: string, email: string) => {
      await admin.goto(`${baseUrl()}/app/admin/users`);
      await admin.getByLabel("Name", { exact: true }).fill(name);
      await admin.getByLabel("E-mail", { exact: true }).fill(email);
      await admin.getByRole("button", { name: "Create invite link" }).click();
      const linkField = admin.getByLabel("Invite link");
      await linkField.waitFor();
      const link = new URL(new URL(await linkField.inputValue()).pathname, baseUrl()).toString();
      await admin.reload();
      await admin.locator(`tr[data-user-email="${email}"]`).getByText("Invited").waitFor();
      const page = await (await newContext()).newPage();
      await page.goto(link);
      await page.getByRole("heading", { name: `Welcome, ${name}` }).waitFor();
      await page.getByText(`Choose a password for ${email}`).waitFor();
      return page;
    };
    await inviteThroughPage("Fresh Person", `fresh-${Date.now()}@${org.slug}.test`);
    const taken = await inviteThroughPage("Taken Person", other.agent.email);
    // The one door left until invites are e-mailed (issue 12): acceptance, answered as an unusable link.
    const password = "amber-meadow-falcon-82";
    await taken.getByLabel("New password").fill(password);
    await taken.getByLabel("Repeat the password").fill(password);
    await taken.getByRole("button", { name: "Set password and sign in" }).click();
    await taken.getByText("This invite link is invalid, has expired or was already used.").waitFor();
    expect(taken.url()).toContain("/app/invite/");
    // The other organization's agent still signs in to their own organization.
    const agent = await signInThroughUi(await newContext(), baseUrl(), other.agent.email, TEST_PASSWORD);
    await agent.getByText(`agent ${other.slug}`).first().waitFor();
    expect(cspViolations).toEqual([]);
  });

  it("a role change and a deactivation wait for Confirm; Cancel changes nothing (issue 13)", async () => {
    const target = await createUser(org.id, org.slug, `confirm-${Date.now()}`, "agent");
    const roleOf = async () => (await db().select({ role: users.role, active: users.active }).from(users).where(eq(users.id, target.id)))[0]!;
    const admin = await signInThroughUi(await newContext(), baseUrl(), org.admin.email, TEST_PASSWORD);
    await admin.goto(`${baseUrl()}/app/admin/users?q=${encodeURIComponent(target.email)}`);
    const row = admin.locator(`tr[data-user-email="${target.email}"]`);
    await row.getByRole("combobox").selectOption("requester");
    await row.getByText(/Make .* Requester\? They are signed out\./).waitFor();
    await admin.waitForTimeout(300);
    expect((await roleOf()).role).toBe("agent");
    await row.getByRole("button", { name: "Cancel" }).click();
    expect(await row.getByRole("combobox").inputValue()).toBe("agent");
    await row.getByRole("combobox").selectOption("requester");
    await row.getByRole("button", { name: /^Confirm role/ }).click();
    await expect.poll(async () => (await roleOf()).role).toBe("requester");

    await row.getByRole("button", { name: /^Deactivate/ }).click();
    await admin.waitForTimeout(300);
    expect((await roleOf()).active).toBe(true);
    await row.getByRole("button", { name: /^Confirm deactivation/ }).click();
    await expect.poll(async () => (await roleOf()).active).toBe(false);
    expect(cspViolations).toEqual([]);
  });

  it("the sign-in page opened at 127.0.0.1 says where this helpdesk signs in (issue 13)", async () => {
    const page = await (await newContext()).newPage();
    const other = baseUrl().replace("://localhost:", "://127.0.0.1:");
    await page.goto(`${other}/app/sign-in`);
    const notice = page.getByTestId("other-address");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`this helpdesk signs in at ${baseUrl()}`);
    expect(await notice.getByRole("link").getAttribute("href")).toBe(`${baseUrl()}/app/sign-in`);
    // At its own address the notice is not there.
    await page.goto(`${baseUrl()}/app/sign-in`);
    await page.getByLabel("Email").waitFor();
    expect(await page.getByTestId("other-address").count()).toBe(0);
  });

  it("an agent visiting /app/admin gets the 404 page", async () => {
    const context = await newContext();
    const page = await signInThroughUi(context, baseUrl(), org.agent.email, TEST_PASSWORD);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
    for (const path of ["/app/admin", "/app/admin/users", "/app/admin/audit"]) {
      const res = await page.goto(`${baseUrl()}${path}`);
      expect(res?.status(), path).toBe(404);
      await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
      expect(await page.content()).not.toContain(org.admin.email);
    }
  });
});
