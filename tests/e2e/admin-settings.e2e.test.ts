// The settings pages in real Chromium (issue 13): an admin turns 24/7 off, opens only Wednesday hours and
// watches the preview (computed by the server's SLA engine) move to a Wednesday; adds a second interval,
// a zone and pasted holidays, saves, and finds it all after a reload and in the audit log. The webhook page
// shows a generated secret once and queues a test event; the e-mail page sets who may write in, adds and
// removes a mailbox (its domain shown with the DNS record to publish and "Verify domain" answering in words)
// and drops a held mail. An agent gets the 404 page for both. No CSP
// violation anywhere.
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, heldMails, inboundMails, mailDomains, mailSettings, organizations, slaSettings, webhookEndpoints } from "@/db/schema";
import { contextRecordingCsp, launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { buildMail } from "../support/mail";

let browser: Browser;
let org: TestOrg;
const baseUrl = () => inject("baseUrl");
const cspViolations: string[] = [];

const newContext = (): Promise<BrowserContext> => contextRecordingCsp(browser, cspViolations);
const previewText = async (page: Page) => (await page.getByTestId("sla-preview").textContent()) ?? "";

async function previewMatches(page: Page, pattern: RegExp): Promise<string> {
  try {
    await page.getByTestId("sla-preview").filter({ hasText: pattern }).waitFor({ timeout: 10_000 });
  } catch (e) {
    throw new Error(`the preview never matched ${pattern}; it says: ${await previewText(page)}`, { cause: e });
  }
  return previewText(page);
}

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("settings-e2e")]);
});

afterAll(async () => {
  await browser?.close();
});

describe("settings pages in the browser (issue 13)", () => {
  it("an admin sets business hours and sees the preview change, then saves them with a zone and holidays", async () => {
    const page = await signInThroughUi(await newContext(), baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/users`);
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "SLA" }).click();
    await page.waitForURL(`${baseUrl()}/app/admin/sla`);
    await page.getByRole("heading", { level: 1, name: "SLA" }).waitFor();
    // A new organization runs 24/7 in UTC: urgent's first response is half an hour away.
    const before = await previewText(page);
    expect(before).toMatch(/^A ticket created now \(.+\), urgent, is due for a first response at .+ \(UTC\)\.$/);

    await page.getByLabel("Open around the clock", { exact: false }).uncheck();
    await page.getByRole("button", { name: "Add hours on Wednesday" }).click();
    await page.getByLabel("Wednesday, interval 1, Opens").fill("10:00");
    await page.getByLabel("Wednesday, interval 1, Closes").fill("11:00");
    // Only Wednesday 10:00–11:00 is open now: the first response falls due inside it.
    const wednesday = await previewMatches(page, /first response at Wed \d{4}-\d{2}-\d{2} (10:\d\d|11:00) and/);
    expect(wednesday).not.toBe(before);

    // A second interval the same day, a zone, and a year of holidays pasted at once (one piece is not a date).
    await page.getByRole("button", { name: "Add hours on Wednesday" }).click();
    await page.getByLabel("Wednesday, interval 2, Opens").fill("15:00");
    await page.getByLabel("Wednesday, interval 2, Closes").fill("16:30");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await previewMatches(page, /\(Europe\/Berlin\)\.$/);
    await page.getByLabel("Add holidays").fill("2030-01-01\n2030-12-25, 31.12.2030");
    await page.getByRole("button", { name: "Add dates" }).click();
    // The browser says en-US (no one chose a locale): its own way of writing a day is accepted too, not this one.
    await page.getByText(/^These are not dates written as YYYY-MM-DD or 12\/24\/2027: 31\.12\.2030$/).waitFor();
    await page.getByLabel("Add holidays").fill("2030-01-01\n2030-12-25 2030-12-31");
    await page.getByRole("button", { name: "Add dates" }).click();
    const holidays = page.getByRole("list", { name: "Holidays (3)" });
    await holidays.waitFor();
    await page.getByRole("button", { name: "Remove 2030-12-31" }).click();
    await page.getByRole("list", { name: "Holidays (2)" }).waitFor();

    // A target typed over with nothing is named under its field, not saved.
    await page.getByRole("group", { name: "Urgent priority" }).getByLabel("Resolution (minutes)").fill("");
    await page.getByRole("button", { name: "Save SLA settings" }).click();
    await page.getByText("Please correct the fields marked below.").waitFor();
    await page
      .getByRole("group", { name: "Urgent priority" })
      .locator(".field-error")
      .filter({ hasText: /^Resolution/ })
      .waitFor();
    await page.getByRole("group", { name: "Urgent priority" }).getByLabel("Resolution (minutes)").fill("300");
    await page.getByRole("button", { name: "Save SLA settings" }).click();
    await page.getByText("SLA settings saved.", { exact: false }).waitFor();

    const [stored] = await db().select().from(slaSettings).where(eq(slaSettings.organizationId, org.id));
    expect(stored).toMatchObject({
      timeZone: "Europe/Berlin",
      alwaysOpen: false,
      weeklyHours: {
        wed: [
          { start: "10:00", end: "11:00" },
          { start: "15:00", end: "16:30" },
        ],
      },
      holidays: ["2030-01-01", "2030-12-25"],
    });
    const audited = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "sla.policies_updated")));
    expect(audited).toHaveLength(1);

    // After a reload the page (and its server-rendered preview) shows what was saved.
    await page.reload();
    expect(await page.getByLabel("Wednesday, interval 2, Closes").inputValue()).toBe("16:30");
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/Berlin");
    expect(await previewText(page)).toMatch(/first response at Wed .+ \(Europe\/Berlin\)\.$/);
    expect(cspViolations).toEqual([]);
  });

  it("the webhook page shows a generated secret once and queues a test event", async () => {
    const page = await signInThroughUi(await newContext(), baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/webhook`);
    await page.getByRole("heading", { level: 1, name: "Webhook" }).waitFor();
    await page.getByLabel("URL").fill("http://127.0.0.1:9/settings-e2e");
    await page.getByLabel(/SLA warning/).uncheck();
    await page.getByRole("button", { name: "Create webhook" }).click();
    const secretField = page.getByLabel("Signing secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, org.id));
    expect(row).toMatchObject({ secret, events: ["comment.created", "comment.internal_created", "sla.breached"] });

    await page.reload();
    expect(await page.getByLabel("Signing secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Test event queued.", { exact: false }).waitFor();
    await page
      .getByRole("table", { name: /not delivered yet/ })
      .getByText("webhook.test")
      .waitFor();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("button", { name: "Confirm: rotate secret" }).click();
    await page.getByLabel("Signing secret").waitFor();
    expect(await page.getByLabel("Signing secret").inputValue()).not.toBe(secret);
    expect(cspViolations).toEqual([]);
  });

  it("the e-mail page sets the acceptance rule, adds and removes a mailbox and drops a held mail", async () => {
    // The mail as received, with a hostile HTML part: the review shows it as text (attack pass B8).
    const raw = await buildMail({
      from: org.admin.email,
      to: `support@${org.slug}.test`,
      subject: "Pretending to be staff",
      html: '<p>Pay <a href="https://phish.test/pay">here</a></p><img src=x onerror="alert(1)">',
    });
    const [mail] = await db()
      .insert(inboundMails)
      .values({
        organizationId: org.id,
        source: "smtp",
        messageId: `<held-${Date.now()}@x.test>`,
        fromAddress: org.admin.email,
        subject: "Pretending to be staff",
        remoteIp: "203.0.113.9",
        helo: "mail.evil.test",
        raw,
        sizeBytes: raw.length,
        sha256: "0".repeat(64),
        status: "held",
        authResults: { spf: "fail", dkim: "none", dmarc: "fail", dmarcPolicy: "reject", dmarcDomain: `${org.slug}.test` },
      })
      .returning({ id: inboundMails.id });
    await db().insert(heldMails).values({
      organizationId: org.id,
      inboundMailId: mail!.id,
      reason: "staff_sender",
      reasonText: "Claims a staff address without a valid signature",
      subject: "Pretending to be staff",
    });

    const page = await signInThroughUi(await newContext(), baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/mail`);
    await page.getByRole("heading", { level: 1, name: "E-mail" }).waitFor();
    await page.getByLabel(/Addresses of listed domains/).check();
    await page.getByLabel("Known domains").fill("example.com\nnot a domain");
    await page.getByRole("button", { name: "Save mail settings" }).click();
    await page.getByText("must be a domain name", { exact: false }).waitFor();
    await page.getByLabel("Known domains").fill("example.com, Example.org");
    await page.getByRole("button", { name: "Save mail settings" }).click();
    await page.getByText("Mail settings saved.").waitFor();
    expect((await db().select().from(mailSettings).where(eq(mailSettings.organizationId, org.id)))[0]).toMatchObject({
      acceptance: "known_domains",
      knownDomains: ["example.com", "example.org"],
    });

    const address = `help@${org.slug}.test`;
    await page.getByLabel("Support address").fill(address);
    await page.getByRole("button", { name: "Add mailbox" }).click();
    await page.getByRole("cell", { name: address, exact: true }).waitFor();
    // Its domain is listed with the TXT record to publish, copy-ready, and "Verify domain" says in words
    // what DNS answered (issue 12 follow-up: the SMTP listener routes only proved domains).
    const domain = `${org.slug}.test`;
    const recordName = page.getByLabel("TXT record name", { exact: true });
    expect(await recordName.inputValue()).toBe(`_helpdesk-verification.${domain}`);
    expect(await page.getByLabel("TXT record value", { exact: true }).inputValue()).toMatch(/^helpdesk-verification=[A-Za-z0-9_-]{43}$/);
    await page.getByText("Waiting for the DNS record").waitFor();
    await page.getByText(/IMAP mailboxes do not need this/).waitFor();
    await page.getByRole("button", { name: `Verify domain ${domain}` }).click();
    await page.getByText(/^Not verified yet: /).waitFor();
    await page.getByText(/Last check .*: (No TXT record at|Could not look up) _helpdesk-verification\./).waitFor();
    expect((await db().select().from(mailDomains).where(eq(mailDomains.organizationId, org.id)))[0]).toMatchObject({ domain, verifiedAt: null });
    await page.getByRole("button", { name: `Delete ${address}` }).click();
    await page.getByRole("button", { name: `Confirm delete ${address}` }).click();
    await page.getByText("No mailboxes yet.").waitFor();

    await page.getByRole("link", { name: "Pretending to be staff" }).click();
    await page.getByRole("heading", { level: 1, name: "Held mail: Pretending to be staff" }).waitFor();
    await page.getByText("203.0.113.9 (HELO mail.evil.test)").waitFor();
    const preview = await page.locator(".mail-preview").textContent();
    expect(preview).toContain("https://phish.test/pay");
    expect(await page.locator(".mail-preview a, .mail-preview img").count()).toBe(0);
    await page.getByRole("link", { name: "← E-mail settings" }).click();
    await page.getByRole("button", { name: "Drop “Pretending to be staff”" }).click();
    await page.getByText("Nothing held.").waitFor();
    expect((await db().select().from(heldMails).where(eq(heldMails.organizationId, org.id)))[0]!.status).toBe("dropped");
    expect(cspViolations).toEqual([]);
  });

  it("the organization page renames the organization and sets its default time zone and locale", async () => {
    const page = await signInThroughUi(await newContext(), baseUrl(), org.admin.email, TEST_PASSWORD);
    await page.goto(`${baseUrl()}/app/admin/organization`);
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Name must not be empty").waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Settings E2E Ltd");
    await page.getByLabel("Default time zone").selectOption("America/Toronto");
    await page.getByLabel("Default locale").selectOption("en-CA");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    expect((await db().select().from(organizations).where(eq(organizations.id, org.id)))[0]).toMatchObject({
      name: "Settings E2E Ltd",
      defaultTimeZone: "America/Toronto",
      defaultLocale: "en-CA",
    });
    await page.reload();
    expect(await page.getByLabel("Default time zone").inputValue()).toBe("America/Toronto");
    expect(cspViolations).toEqual([]);
  });

  it("an agent gets the 404 page for the settings pages", async () => {
    const page = await signInThroughUi(await newContext(), baseUrl(), org.agent.email, TEST_PASSWORD);
    for (const path of ["/app/admin/sla", "/app/admin/webhook", "/app/admin/mail", "/app/admin/organization"]) {
      const res = await page.goto(`${baseUrl()}${path}`);
      expect(res?.status(), path).toBe(404);
      await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
      expect(await page.content()).not.toContain("Save SLA settings");
    }
  });
});
