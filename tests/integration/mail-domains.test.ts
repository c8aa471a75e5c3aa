// Issue 12 follow-up (attack pass b: first-come mailbox claims, S10): an organization listed
// support@<a domain it does not own> and the app's own SMTP listener delivered that domain's mail into it.
// Now a mailbox address routes only once its organization has proved the domain (or a parent) with a TXT
// record at _helpdesk-verification.<domain> holding its own HMAC value, checked through the resolver
// mailauth uses (a DnsStub here). Real PostgreSQL, the real API pipeline, and real SMTP delivery with
// nodemailer to the listener.
process.env.MAIL_DOMAIN = "help.domains.test";
process.env.SMTP_LISTEN_PER_IP_PER_MIN = "100000";
process.env.SMTP_LISTEN_MAILS_PER_IP_PER_MIN = "100000";
process.env.SMTP_LISTEN_PER_SENDER_PER_MIN = "100000";
// The real write budget (S8): the verify endpoint is rate-limited by the pipeline like every write.
process.env.RATE_LIMIT_WRITES_PER_MIN = "30";

import { randomUUID } from "node:crypto";
import { domainToASCII } from "node:url";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, inboundMails, mailDomains } from "@/db/schema";
import { verificationRecord, verificationValue } from "@/domain/mail/mail-domain";
import { recheckMailDomains } from "@/domain/mail/recheck-mail-domains";
import { routeRecipient } from "@/domain/mail/route-recipient";
import { startSmtpListener, type SmtpListener } from "@/server/smtp-listener";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";
import { DnsStub, newMessageId } from "../support/mail";

const dns = new DnsStub();
let restoreDns: () => void;
let listener: SmtpListener;

beforeAll(async () => {
  restoreDns = dns.install();
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await listener.close();
  restoreDns();
});

/** A fresh domain nobody else in the run uses. */
const freshDomain = (label: string) => `${label}-${randomUUID().slice(0, 8)}.test`;

/** An organization with its admin signed in (each its own write budget). */
async function orgWithAdmin(label: string): Promise<TestOrg & { cookie: string }> {
  const org = await createOrg(label);
  return { ...org, cookie: await signIn(org.admin) };
}

const addMailbox = async (org: { cookie: string }, address: string) => {
  const res = await callJson("POST", "/api/admin/mailboxes", { cookie: org.cookie, body: { address } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const verify = (org: { cookie: string }, domain: string) => callJson("POST", "/api/admin/mail-domains/verify", { cookie: org.cookie, body: { domain } });
const publish = (org: { id: string }, domain: string) => dns.publishVerification(org.id, domain);

/** Sends one mail over SMTP: null when accepted, else the server's reply (code and text). */
async function deliver(to: string): Promise<{ code: number; text: string } | null> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true, name: "client.test" });
  const subject = `to ${to} ${randomUUID()}`;
  try {
    await transport.sendMail({ from: `sender-${randomUUID().slice(0, 6)}@customer.test`, to, subject, text: "hello", messageId: newMessageId() });
    return null;
  } catch (e) {
    const err = e as { responseCode?: number; response?: string };
    return { code: err.responseCode ?? -1, text: (err.response ?? "").replace(/^\d{3}\s*/, "") };
  }
}

const storedFor = async (orgId: string) => (await db().select({ id: inboundMails.id }).from(inboundMails).where(eq(inboundMails.organizationId, orgId))).length;
const auditOf = async (orgId: string, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.action, action)));
const domainRows = (domain: string) => db().select().from(mailDomains).where(eq(mailDomains.domain, domain));

describe("a mailbox domain must be proved by DNS before the SMTP listener routes it (issue 12 follow-up)", () => {
  it("unverified: 550 with the very answer an unknown address gets, and nothing is stored", async () => {
    const org = await orgWithAdmin("unverified");
    const domain = freshDomain("unverified");
    await addMailbox(org, `support@${domain}`);
    const refused = await deliver(`support@${domain}`);
    const unknown = await deliver(`nobody-${randomUUID().slice(0, 6)}@unknown-${domain}`);
    expect(refused?.code).toBe(550);
    expect(refused).toEqual(unknown);
    expect(await storedFor(org.id)).toBe(0);
  });

  it("only this organization's value at the exact name verifies; wrong value, another organization's value, the wrong name do not", async () => {
    const [org, other] = await Promise.all([orgWithAdmin("exact"), orgWithAdmin("exact-other")]);
    const domain = freshDomain("exact");
    await addMailbox(org, `support@${domain}`);
    await addMailbox(other, `support@${domain}`);
    const { name, value } = verificationRecord(org.id, domain);
    expect(name).toBe(`_helpdesk-verification.${domain}`);
    expect(value).toBe(`helpdesk-verification=${verificationValue(org.id, domain)}`);

    const attempts: [string, () => void, RegExp][] = [
      ["nothing published", () => dns.remove(name), /No TXT record at _helpdesk-verification\./],
      ["a wrong value", () => dns.set(name, "helpdesk-verification=not-the-value"), /does not hold this organization's value/],
      ["the bare value without its prefix", () => dns.set(name, verificationValue(org.id, domain)), /does not hold/],
      ["another organization's value", () => dns.set(name, verificationRecord(other.id, domain).value), /does not hold/],
      ["the value for another domain", () => dns.set(name, verificationRecord(org.id, `x.${domain}`).value), /does not hold/],
      ["the right value at the domain itself", () => dns.remove(name).set(domain, value), /No TXT record/],
      ["the right value at a name under it", () => dns.remove(domain).set(`_helpdesk-verification.www.${domain}`, value), /No TXT record/],
    ];
    for (const [what, arrange, message] of attempts) {
      arrange();
      const res = await verify(org, domain);
      expect(res.status, what).toBe(200);
      expect(res.body, what).toMatchObject({ domain, state: "waiting", verifiedAt: null, record: { type: "TXT", name, value } });
      expect(res.body.lastCheck.message, what).toMatch(message);
      expect((await deliver(`support@${domain}`))?.code, what).toBe(550);
    }
    expect(await storedFor(org.id)).toBe(0);
    expect(await auditOf(org.id, "mail_domain.verify_failed")).toHaveLength(attempts.length);

    // A TXT record split into several strings is one record (as DNS servers serve long values).
    dns.remove(`_helpdesk-verification.www.${domain}`);
    dns.setSplit(name, [value.slice(0, 30), value.slice(30)]);
    const ok = await verify(org, domain);
    expect(ok.body).toMatchObject({ state: "verified", addresses: [`support@${domain}`] });
    expect(ok.body.verifiedAt).not.toBeNull();
    expect(await deliver(`support@${domain}`)).toBeNull();
    expect(await storedFor(org.id)).toBe(1);
    const [event] = await auditOf(org.id, "mail_domain.verified");
    expect(event).toMatchObject({ actorId: org.admin.id, targetId: domain });
    // Another organization listing the same address gets none of its mail.
    expect(await storedFor(other.id)).toBe(0);
  });

  it("a verified parent domain covers names under it; a record for a subdomain verifies only that subdomain", async () => {
    const org = await orgWithAdmin("parent");
    const parent = freshDomain("parent");
    await addMailbox(org, `support@mail.${parent}`);
    await addMailbox(org, `help@${parent}`);
    publish(org, parent);
    expect((await verify(org, parent)).body.state).toBe("verified");
    expect(await deliver(`support@mail.${parent}`)).toBeNull();
    expect(await deliver(`help@${parent}`)).toBeNull();

    const org2 = await orgWithAdmin("sub");
    const top = freshDomain("sub");
    await addMailbox(org2, `support@mail.${top}`);
    await addMailbox(org2, `help@${top}`);
    publish(org2, `mail.${top}`);
    // The subdomain's record proves nothing about the parent.
    expect((await verify(org2, top)).body.state).toBe("waiting");
    expect((await verify(org2, `mail.${top}`)).body.state).toBe("verified");
    expect(await deliver(`support@mail.${top}`)).toBeNull();
    expect((await deliver(`help@${top}`))?.code).toBe(550);
    expect(await storedFor(org2.id)).toBe(1);
    // The list shows the verified subdomain and the parent still waiting, each with its record.
    const list = await callJson("GET", "/api/admin/mail-domains", { cookie: org2.cookie });
    expect(list.body.items.map((d: { domain: string; state: string }) => [d.domain, d.state])).toEqual([
      [`mail.${top}`, "verified"],
      [top, "waiting"],
    ]);
  });

  it("case, Unicode (IDN) and punycode spellings and a trailing dot are one domain, published at its punycode name", async () => {
    const org = await orgWithAdmin("idn");
    const unicode = `bücher-${randomUUID().slice(0, 8)}.test`;
    const ascii = domainToASCII(unicode);
    expect(ascii).toMatch(/^xn--/);
    await addMailbox(org, `support@${ascii}`);
    const before = await verify(org, `BÜCHER${unicode.slice(6).toUpperCase()}.`);
    expect(before.body).toMatchObject({ domain: ascii, displayName: unicode, state: "waiting", record: { name: `_helpdesk-verification.${ascii}` } });
    // Published under the Unicode name, the record is not at the name DNS actually has.
    dns.set(`_helpdesk-verification.${unicode}`, verificationRecord(org.id, ascii).value);
    expect((await verify(org, unicode)).body.state).toBe("waiting");
    publish(org, ascii);
    const ok = await verify(org, `${unicode.toUpperCase()}.`);
    expect(ok.body).toMatchObject({ domain: ascii, state: "verified" });
    expect((await verify(org, ascii)).body.verifiedAt).toBe(ok.body.verifiedAt);
    expect(await domainRows(ascii)).toHaveLength(1);
    // Every spelling of the recipient reaches the one mailbox.
    for (const to of [`support@${ascii}`, `SUPPORT@${ascii.toUpperCase()}`, `support@${unicode}`]) expect(await deliver(to), to).toBeNull();
    expect(await storedFor(org.id)).toBe(3);
    // Spellings the SMTP parser refuses on its own (501) route the same way when they do arrive.
    const route = await routeRecipient(`support@${ascii}`);
    expect(route).toMatchObject({ organizationId: org.id });
    for (const to of [`Support@${ascii}.`, `support@${unicode.toUpperCase()}.`]) expect(await routeRecipient(to), to).toEqual(route);
    // A spelling that is no domain is a 400 with a field message.
    for (const bad of ["localhost", "a..b.test", "-x.test", `${"a".repeat(64)}.test`, "exa mple.test"]) {
      const res = await verify(org, bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details, bad).toEqual([{ path: "domain", message: "must be a domain name, e.g. example.com" }]);
    }
  });

  it("record removed, then the daily re-check: unverified (audited) and refused again; a DNS failure changes nothing", async () => {
    const org = await orgWithAdmin("recheck");
    const domain = freshDomain("recheck");
    await addMailbox(org, `support@${domain}`);
    publish(org, domain);
    expect((await verify(org, domain)).body.state).toBe("verified");
    expect(await deliver(`support@${domain}`)).toBeNull();

    // The DNS server fails: still verified, still routed, the failure in words.
    const name = verificationRecord(org.id, domain).name;
    dns.failures.set(name, "ESERVFAIL");
    expect(await recheckMailDomains({ organizationIds: [org.id] })).toEqual({ checked: 1, unverified: 0, unknown: 1, forgotten: 0 });
    const [kept] = await domainRows(domain);
    expect(kept!.verifiedAt).not.toBeNull();
    expect(kept!.lastCheckMessage).toMatch(/DNS server failed to answer \(ESERVFAIL\)/);
    expect(await deliver(`support@${domain}`)).toBeNull();
    dns.failures.delete(name);

    // The record is still there: nothing changes.
    expect(await recheckMailDomains({ organizationIds: [org.id] })).toEqual({ checked: 1, unverified: 0, unknown: 0, forgotten: 0 });
    // The domain changed hands and the new owner's DNS has no such record.
    dns.remove(name);
    expect(await recheckMailDomains({ organizationIds: [org.id] })).toEqual({ checked: 1, unverified: 1, unknown: 0, forgotten: 0 });
    const [gone] = await domainRows(domain);
    expect(gone!.verifiedAt).toBeNull();
    const [event] = await auditOf(org.id, "mail_domain.unverified");
    expect(event).toMatchObject({ actorId: "system:mail-domain-recheck", targetId: domain });
    const stored = await storedFor(org.id);
    const refused = await deliver(`support@${domain}`);
    expect(refused?.code).toBe(550);
    expect(await storedFor(org.id)).toBe(stored);
    // The page's list says so in words.
    const list = await callJson("GET", "/api/admin/mail-domains", { cookie: org.cookie });
    expect(list.body.items[0]).toMatchObject({ domain, state: "waiting", lastCheck: { message: expect.stringMatching(/no longer verified/i) } });

    // An attempt that never verified is forgotten 30 days after its last check; verified ones stay.
    const typo = freshDomain("typo");
    expect((await verify(org, typo)).body.state).toBe("waiting");
    const other = freshDomain("kept");
    publish(org, other);
    expect((await verify(org, other)).body.state).toBe("verified");
    await db()
      .update(mailDomains)
      .set({ lastCheckedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(mailDomains.organizationId, org.id));
    expect((await recheckMailDomains({ organizationIds: [org.id] })).forgotten).toBe(2);
    expect((await db().select().from(mailDomains).where(eq(mailDomains.organizationId, org.id))).map((r) => r.domain)).toEqual([other]);
  });
});

describe("one organization per domain (issue 12 follow-up)", () => {
  it("two organizations racing for one domain both publish: exactly one verifies, the other gets the one 'cannot be used' answer", async () => {
    const [a, b] = await Promise.all([orgWithAdmin("race-a"), orgWithAdmin("race-b")]);
    const domain = freshDomain("race");
    // Both list the same address: no longer a first-come claim.
    await addMailbox(a, `support@${domain}`);
    await addMailbox(b, `support@${domain}`);
    publish(a, domain);
    publish(b, domain);
    const results = await Promise.all([verify(a, domain), verify(b, domain)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(refused.body.error.details).toEqual([{ path: "domain", message: "cannot be used for a mailbox of this organization" }]);
    expect(JSON.stringify(refused.body)).not.toMatch(/already|verified|another|race-/i);
    const winner = results[0]!.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((await domainRows(domain)).filter((r) => r.verifiedAt).map((r) => r.organizationId)).toEqual([winner.id]);
    expect(await auditOf(loser.id, "mail_domain.verify_refused")).toHaveLength(1);

    // Mail goes to the winner only.
    expect(await deliver(`support@${domain}`)).toBeNull();
    expect([await storedFor(winner.id), await storedFor(loser.id)]).toEqual([1, 0]);

    // Asked again while the winner's record is still there: refused again.
    expect((await verify(loser, domain)).status).toBe(400);
    // The winner's record goes (the domain changed hands): the loser's next attempt re-checks it, the
    // winner loses the domain (audited in its own trail) and the loser verifies it.
    dns.set(verificationRecord(loser.id, domain).name, verificationRecord(loser.id, domain).value);
    const moved = await verify(loser, domain);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.state).toBe("verified");
    expect((await domainRows(domain)).filter((r) => r.verifiedAt).map((r) => r.organizationId)).toEqual([loser.id]);
    const [lost] = await auditOf(winner.id, "mail_domain.unverified");
    expect(lost).toMatchObject({ actorId: "system:mail-domain-check", targetId: domain });
    expect(JSON.stringify(lost!.data)).not.toContain(loser.id);
    expect(await deliver(`support@${domain}`)).toBeNull();
    expect([await storedFor(winner.id), await storedFor(loser.id)]).toEqual([1, 1]);
  });

  it("a domain above or below one verified elsewhere is refused while that record holds; mailboxes there are refused too", async () => {
    const [holder, other] = await Promise.all([orgWithAdmin("holder"), orgWithAdmin("overlap")]);
    const domain = freshDomain("overlap");
    publish(holder, `mail.${domain}`);
    expect((await verify(holder, `mail.${domain}`)).body.state).toBe("verified");
    for (const d of [domain, `mail.${domain}`, `eu.mail.${domain}`]) {
      publish(other, d);
      const res = await verify(other, d);
      expect(res.status, d).toBe(400);
      expect(res.body.error.details, d).toEqual([{ path: "domain", message: "cannot be used for a mailbox of this organization" }]);
    }
    // An address in the verified domain (or under it) cannot even be listed by another organization.
    for (const address of [`support@mail.${domain}`, `x@eu.mail.${domain}`]) {
      const res = await callJson("POST", "/api/admin/mailboxes", { cookie: other.cookie, body: { address } });
      expect(res.status, address).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "address", message: "cannot be used for a mailbox of this organization" }]);
    }
    // A sibling name is not covered: listing it is fine (and it routes nowhere until verified).
    await addMailbox(other, `support@${domain}`);
    expect((await deliver(`support@${domain}`))?.code).toBe(550);
  });

  it("the shared reply domain cannot be verified by anyone", async () => {
    const org = await orgWithAdmin("reply");
    for (const d of ["help.domains.test", "HELP.domains.test.", "sub.help.domains.test"]) {
      publish(org, d.toLowerCase().replace(/\.$/, ""));
      const res = await verify(org, d);
      expect(res.status, d).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "domain", message: "cannot be used for a mailbox of this organization" }]);
    }
  });
});

describe("the verify endpoint (issue 12 follow-up)", () => {
  it("is for admins only (403 for agents and requesters, nothing recorded)", async () => {
    const org = await createOrg("roles");
    const domain = freshDomain("roles");
    publish(org, domain);
    for (const user of [org.agent, org.requester]) {
      const res = await callJson("POST", "/api/admin/mail-domains/verify", { cookie: await signIn(user), body: { domain } });
      expect(res.status).toBe(403);
      expect((await callJson("GET", "/api/admin/mail-domains", { cookie: await signIn(user) })).status).toBe(403);
    }
    expect(await domainRows(domain)).toHaveLength(0);
  });

  it("refuses unknown fields and over-long input (400), and spends the pipeline's write budget (429 past it)", async () => {
    const org = await createOrg("budget");
    const admin = await createUser(org.id, org.slug, `admin-budget`, "admin");
    const cookie = await signIn(admin);
    expect((await callJson("POST", "/api/admin/mail-domains/verify", { cookie, body: { domain: "x.test", organizationId: randomUUID() } })).status).toBe(400);
    expect((await callJson("POST", "/api/admin/mail-domains/verify", { cookie, body: { domain: `${"a.".repeat(200)}test` } })).status).toBe(400);
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await verify({ cookie }, freshDomain("budget"))).status);
    // 30 writes a minute: the two refused bodies above and 28 verifications; then 429.
    expect(codes.slice(0, 28).every((c) => c === 200)).toBe(true);
    expect(codes.slice(28)).toEqual([429, 429]);
  });
});
