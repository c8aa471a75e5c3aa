import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseReplyAddress, REPLY_TOKEN_LENGTH, replyAddressFor, replyTokenFor } from "./reply-address";

const orgA = randomUUID();
const orgB = randomUUID();
const ticket = randomUUID();
const otherTicket = randomUUID();
// The lookup a reader does: which organization each ticket belongs to.
const owners = new Map<string, string>([
  [ticket, orgA],
  [otherTicket, orgB],
]);
const organizationOf = (id: string) => owners.get(id) ?? null;

beforeAll(() => {
  // env() is parsed on first use; a unit test brings the little it needs.
  process.env.DATABASE_URL ??= "postgres://unit@localhost/unit";
  process.env.BETTER_AUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123456789";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.MAIL_DOMAIN = "help.example.com";
});

const swapChar = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);

describe("signed reply address (issue 12)", () => {
  it("is support+<42 lower-case base32 characters>@MAIL_DOMAIN, within the 64-octet local part", () => {
    const address = replyAddressFor({ organizationId: orgA, ticketId: ticket });
    expect(address).toMatch(new RegExp(`^support\\+[a-z2-7]{${REPLY_TOKEN_LENGTH}}@help\\.example\\.com$`));
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
  });

  it("reads back the organization and ticket it was made for", async () => {
    const address = replyAddressFor({ organizationId: orgA, ticketId: ticket });
    expect(await parseReplyAddress(address, organizationOf)).toEqual({ organizationId: orgA, ticketId: ticket });
  });

  it("differs per ticket and per organization (not guessable from another ticket's address)", () => {
    const a = replyTokenFor({ organizationId: orgA, ticketId: ticket });
    expect(replyTokenFor({ organizationId: orgB, ticketId: ticket })).not.toBe(a);
    expect(replyTokenFor({ organizationId: orgA, ticketId: otherTicket })).not.toBe(a);
    // Same pair, same address: replies to an old mail still thread.
    expect(replyTokenFor({ organizationId: orgA, ticketId: ticket })).toBe(a);
  });

  it("tolerates what mail software does to an address: case, display name, brackets, quotes, further subaddresses", async () => {
    const token = replyTokenFor({ organizationId: orgA, ticketId: ticket });
    const variants = [
      `SUPPORT+${token.toUpperCase()}@HELP.EXAMPLE.COM`,
      `"Acme Support" <support+${token}@help.example.com>`,
      `Acme Support <Support+${token}@Help.Example.Com>`,
      `<support+${token}@help.example.com>`,
      `"support+${token}"@help.example.com`,
      `support+${token}+autoforward@help.example.com`,
      `mailto:support+${token}@help.example.com`,
      `  support+${token}@help.example.com  `,
    ];
    for (const v of variants) expect(await parseReplyAddress(v, organizationOf), v).toEqual({ organizationId: orgA, ticketId: ticket });
  });

  it("refuses tampered tokens: a changed character anywhere, in the ticket part or the MAC", async () => {
    const token = replyTokenFor({ organizationId: orgA, ticketId: ticket });
    for (const i of [0, 5, 20, 26, 30, REPLY_TOKEN_LENGTH - 2]) {
      const tampered = swapChar(token, i);
      expect(await parseReplyAddress(`support+${tampered}@help.example.com`, organizationOf), `position ${i}`).toBeNull();
    }
  });

  it("refuses truncated, padded, extended and non-canonical tokens", async () => {
    const token = replyTokenFor({ organizationId: orgA, ticketId: ticket });
    const bad = [
      token.slice(0, -1),
      token.slice(0, 30),
      `${token}a`,
      `${token}==`,
      // The last character carries 2 padding bits that must be zero: a different spelling of the same bytes.
      token.slice(0, -1) + "abcdefghijklmnopqrstuvwxyz234567"["abcdefghijklmnopqrstuvwxyz234567".indexOf(token.at(-1)!) | 1],
      token.replace(/[a-z]/, "0"), // 0, 1, 8, 9 are not in the alphabet
      "",
    ];
    for (const t of bad) expect(await parseReplyAddress(`support+${t}@help.example.com`, organizationOf), t).toBeNull();
    expect(await parseReplyAddress("support@help.example.com", organizationOf)).toBeNull();
    expect(await parseReplyAddress(`sales+${token}@help.example.com`, organizationOf)).toBeNull();
    expect(await parseReplyAddress(`support+${token}`, organizationOf)).toBeNull();
    expect(await parseReplyAddress(`support+${token}@${"x".repeat(1000)}`, organizationOf)).toBeNull();
  });

  it("refuses a token made for another organization, and one moved onto another ticket", async () => {
    // Org B's ticket id with a MAC computed for org A: the lookup says the ticket is B's, the MAC says A.
    const forged = replyTokenFor({ organizationId: orgA, ticketId: otherTicket });
    expect(await parseReplyAddress(`support+${forged}@help.example.com`, organizationOf)).toBeNull();
    // A genuine org-A token read in org B's mailbox (the reader names B): refused.
    const genuine = replyTokenFor({ organizationId: orgA, ticketId: ticket });
    expect(await parseReplyAddress(`support+${genuine}@help.example.com`, () => orgB)).toBeNull();
    // The MAC of one ticket spliced onto another ticket's id.
    const other = replyTokenFor({ organizationId: orgB, ticketId: otherTicket });
    const spliced = other.slice(0, 26) + genuine.slice(26);
    expect(await parseReplyAddress(`support+${spliced}@help.example.com`, organizationOf)).toBeNull();
  });

  it("refuses a well-formed token for a ticket that does not exist", async () => {
    const token = replyTokenFor({ organizationId: orgA, ticketId: randomUUID() });
    expect(await parseReplyAddress(`support+${token}@help.example.com`, organizationOf)).toBeNull();
  });
});
