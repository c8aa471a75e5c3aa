// Attack pass b, B1 (issue 12): an organization's admin claims mail addresses that are not theirs as a
// mailbox — the shared reply domain, the helpdesk's own sender address, addresses in the domain another
// organization's staff use, an address in a domain another organization proved by DNS — and so would
// receive that mail as its own tickets. Every such claim is refused with one 400 that names no organization, in every
// spelling the parser takes; the listener never routes a reply-domain address by mailbox, not even a row
// written before the rule. Real routes and PostgreSQL.
import { randomUUID } from "node:crypto";
import { domainToASCII } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailboxes, tickets, users } from "@/db/schema";
import { replyAddressFor } from "@/domain/mail/reply-address";
import { routeRecipient } from "@/domain/mail/route-recipient";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { DnsStub, verifyDomainOf } from "../support/mail";

process.env.MAIL_DOMAIN = "help.claims.test";
process.env.MAIL_FROM = "Helpdesk <noreply@sender.claims.test>";

let globex: TestOrg;
let acme: TestOrg;
let admin: string;
/** Acme's agent whose address is in a Unicode (IDN) domain. */
let idnDomain: string;
const dns = new DnsStub();
let restoreDns: () => void;

beforeAll(async () => {
  restoreDns = dns.install();
  [globex, acme] = await Promise.all([createOrg("claimant"), createOrg("victim")]);
  admin = await signIn(globex.admin);
  idnDomain = `bücher-${acme.slug}.test`;
  await db()
    .insert(users)
    .values({ id: randomUUID(), email: `agent@${idnDomain}`, name: "IDN agent", role: "agent", organizationId: acme.id, emailVerified: true });
});

afterAll(() => restoreDns());

const claim = (address: string, cookie = admin) => callJson("POST", "/api/admin/mailboxes", { cookie, body: { address } });
const mailboxesOf = (orgId: string) => db().select().from(mailboxes).where(eq(mailboxes.organizationId, orgId));

describe("mailbox addresses an organization cannot claim (attack pass b, B1)", () => {
  it("the shared reply domain, its subdomains and the sender address: 400 in every spelling", async () => {
    const refused = [
      "support@help.claims.test",
      "SUPPORT@HELP.CLAIMS.TEST",
      "billing@help.claims.test",
      "  Support@Help.Claims.Test ",
      "x@sub.help.claims.test",
      "x@a.b.help.claims.test",
      "noreply@sender.claims.test",
      "NoReply@Sender.Claims.Test",
    ];
    const bodies = [];
    for (const address of refused) {
      const res = await claim(address);
      expect(res.status, address).toBe(400);
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0].error.details).toEqual([{ path: "address", message: "cannot be used for a mailbox of this organization" }]);
    // Spellings the parser refuses on its own are 400 too (a trailing dot, a + subaddress).
    for (const address of ["support@help.claims.test.", "support+x@help.claims.test"]) expect((await claim(address)).status, address).toBe(400);
    expect(await mailboxesOf(globex.id)).toHaveLength(0);
  });

  it("addresses in the domain another organization's staff use, or under it: the same 400, whoever is named", async () => {
    const d = `${acme.slug}.test`;
    const refused = [
      acme.requester.email,
      acme.agent.email,
      `billing@${d}`,
      `Billing@${d.toUpperCase()}`,
      `support@mail.${d}`,
      `x@deep.sub.${d}`,
      // The IDN staff domain, claimed in its punycode spelling.
      `desk@${domainToASCII(idnDomain)}`,
      `desk@mail.${domainToASCII(idnDomain)}`,
    ];
    const bodies = [];
    for (const address of refused) {
      const res = await claim(address);
      expect(res.status, address).toBe(400);
      bodies.push(res.body);
    }
    // The reply-domain refusal and this one cannot be told apart.
    bodies.push((await claim("support@help.claims.test")).body);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    // The Unicode spelling and a trailing dot do not pass the parser at all.
    for (const address of [`desk@${idnDomain}`, `billing@${d}.`]) expect((await claim(address)).status, address).toBe(400);
    expect(await mailboxesOf(globex.id)).toHaveLength(0);
  });

  it("listing an address another organization lists is no claim; once that one proves the domain by DNS, nobody else can list there; the own duplicate stays 409", async () => {
    const shared = `desk-${randomUUID().slice(0, 8)}.test`;
    // Acme lists an address in a domain no staff use (so only the DNS proof decides).
    expect((await claim(`help@${shared}`, await signIn(acme.admin))).status).toBe(201);
    // Listing it first is no claim on its mail (the listener routes by the proved domain): Globex may list it too.
    expect((await claim(`HELP@${shared}`)).status).toBe(201);
    expect(await routeRecipient(`help@${shared}`)).toBeNull();
    // Acme proves the domain: its mailbox gets the mail, and no other organization can list an address there.
    await verifyDomainOf(acme, shared, dns);
    expect(await routeRecipient(`help@${shared}`)).toMatchObject({ organizationId: acme.id });
    const elsewhere = await claim(`billing@${shared}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toEqual((await claim("support@help.claims.test")).body);
    expect(JSON.stringify(elsewhere.body)).not.toMatch(/already|taken|used by|verified/i);
    expect((await claim(`x@sub.${shared}`)).body).toEqual(elsewhere.body);

    // Globex's own addresses: its staff domain is fine, and its own duplicate is a 409.
    const own = await claim(`support@${globex.slug}.test`);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await claim(`SUPPORT@${globex.slug}.test`)).status).toBe(409);
    // A name of its own in a domain nobody's staff use is fine too.
    expect((await claim(`help@other-${shared}`)).status).toBe(201);

    // Renaming a mailbox is held to the same rule.
    const rename = (address: string) => callJson("PATCH", `/api/admin/mailboxes/${own.body.id}`, { cookie: admin, body: { address } });
    for (const address of ["support@help.claims.test", `billing@mail.${acme.slug}.test`, `billing@${shared}`]) {
      const res = await rename(address);
      expect(res.status, address).toBe(400);
      expect(res.body).toEqual(elsewhere.body);
    }
    expect((await rename(`help@other-${shared}`)).status).toBe(409);
    expect((await rename(`SUPPORT@${globex.slug}.test`)).status).toBe(200);
    expect((await rename(`desk@${globex.slug}.test`)).status).toBe(200);
    expect((await mailboxesOf(globex.id)).map((m) => m.address).sort()).toEqual([`desk@${globex.slug}.test`, `help@${shared}`, `help@other-${shared}`]);
  });

  it("a pending invite in a domain fences nothing off: only staff who accepted count", async () => {
    const d = `pending-${randomUUID().slice(0, 8)}.test`;
    await db()
      .insert(users)
      .values({ id: randomUUID(), email: `agent@${d}`, name: "Made-up agent", role: "agent", organizationId: acme.id, invitePending: true });
    expect((await claim(`support@${d}`)).status).toBe(201);
  });
});

describe("the listener never routes the reply domain by mailbox (attack pass b, B1)", () => {
  it("a mailbox row in the reply domain, written before the rule, takes no mail; a genuine token still routes", async () => {
    await db()
      .insert(mailboxes)
      .values([
        { organizationId: globex.id, address: "support@help.claims.test" },
        { organizationId: globex.id, address: "billing@sub.help.claims.test" },
      ]);
    for (const address of ["support@help.claims.test", "SUPPORT@Help.Claims.Test", " support@help.claims.test ", "billing@sub.help.claims.test"]) {
      expect(await routeRecipient(address), address).toBeNull();
    }
    const [t] = await db()
      .insert(tickets)
      .values({ organizationId: acme.id, number: 1, title: "t", descriptionMd: "", requesterId: acme.requester.id })
      .returning();
    expect(await routeRecipient(replyAddressFor({ organizationId: acme.id, ticketId: t!.id }))).toEqual({ organizationId: acme.id, mailboxId: null });
  });
});
