// Issue 12: polling a real Dovecot over IMAP (imapflow), set up through the admin API. The password is
// write-only and stored encrypted; "check now" answers in words; a message is taken once.
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, inboundMails, mailboxes, tickets } from "@/db/schema";
import { pollAllMailboxes } from "@/domain/mail/poll-mailbox";
import { ingestPendingMails } from "@/domain/mail/ingest-mail";
import { callJson } from "../support/api";
import { type DovecotHandle, startDovecot } from "../support/dovecot";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { buildMail, DnsStub } from "../support/mail";

let imap: DovecotHandle;
let org: TestOrg;
let admin: string;
let restoreDns: () => void;

beforeAll(async () => {
  restoreDns = new DnsStub().install();
  imap = await startDovecot();
  org = await createOrg("imap");
  admin = await signIn(org.admin);
});
afterAll(async () => {
  await imap?.stop();
  restoreDns();
});

async function append(raw: Buffer) {
  const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await client.connect();
  await client.append("INBOX", raw);
  await client.logout();
}

describe("IMAP polling (issue 12)", () => {
  let mailboxId: string;

  it("an admin adds the mailbox; the password is never shown again and is stored encrypted", async () => {
    const res = await callJson("POST", "/api/admin/mailboxes", {
      cookie: admin,
      body: { address: `support@${org.slug}.test`, imapHost: imap.host, imapPort: imap.port, imapTls: false, imapUser: imap.user, imapPassword: imap.password },
    });
    expect(res.status).toBe(201);
    mailboxId = res.body.id;
    expect(res.body).toMatchObject({ passwordSet: true, imapUser: imap.user, lastPoll: null });
    for (const body of [
      res.body,
      (await callJson("GET", `/api/admin/mailboxes/${mailboxId}`, { cookie: admin })).body,
      (await callJson("GET", "/api/admin/mailboxes", { cookie: admin })).body,
    ]) {
      expect(JSON.stringify(body)).not.toContain(imap.password);
      expect(JSON.stringify(body)).not.toContain("imapPassword");
    }
    const [row] = await db().select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
    expect(row!.imapPasswordEnc).toMatch(/^v1:/);
    expect(row!.imapPasswordEnc).not.toContain(imap.password);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(JSON.stringify(audit)).not.toContain(imap.password);
    // The sealed password is bound to its row: moved to another mailbox it does not open.
    const other = await callJson("POST", "/api/admin/mailboxes", { cookie: admin, body: { address: `other@${org.slug}.test` } });
    await db()
      .update(mailboxes)
      .set({ imapHost: imap.host, imapPort: imap.port, imapTls: false, imapUser: imap.user, imapPasswordEnc: row!.imapPasswordEnc })
      .where(eq(mailboxes.id, other.body.id));
    const moved = await callJson("POST", `/api/admin/mailboxes/${other.body.id}/check`, { cookie: admin, body: {} });
    expect(moved.body).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be decrypted/) });
    await callJson("DELETE", `/api/admin/mailboxes/${other.body.id}`, { cookie: admin });
  });

  it("check now takes new messages once and turns them into tickets; automated mail is ignored", async () => {
    await append(await buildMail({ from: org.requester.email, to: `support@${org.slug}.test`, subject: "From IMAP", text: "polled" }));
    await append(
      await buildMail({
        from: org.requester2.email,
        to: `support@${org.slug}.test`,
        subject: "Out of office",
        text: "away",
        headers: { "Auto-Submitted": "auto-replied" },
      }),
    );
    const res = await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: admin, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, newMessages: 2, message: "2 new messages" });
    expect(res.body.mailbox.lastPoll).toMatchObject({ ok: true, message: "2 new messages" });
    const made = await db().select().from(tickets).where(eq(tickets.organizationId, org.id));
    expect(made.map((t) => t.title)).toEqual(["From IMAP"]);
    const rows = await db().select().from(inboundMails).where(eq(inboundMails.organizationId, org.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["done", "ignored"]);
    expect(rows.every((r) => r.source === "imap" && r.mailboxId === mailboxId)).toBe(true);

    const again = await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: admin, body: {} });
    expect(again.body).toMatchObject({ ok: true, newMessages: 0 });
  });

  it("the scheduled poll takes only what is new; forgetting the position re-reads without duplicates", async () => {
    await append(await buildMail({ from: org.requester.email, to: `support@${org.slug}.test`, subject: "Second", text: "two" }));
    expect(await pollAllMailboxes()).toMatchObject({ stored: 1 });
    await ingestPendingMails({ organizationId: org.id });
    // A moved folder or a new UIDVALIDITY: everything is read again, and Message-IDs keep it one of each.
    await db().update(mailboxes).set({ imapUidValidity: null, imapLastUid: null }).where(eq(mailboxes.id, mailboxId));
    const res = await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: admin, body: {} });
    expect(res.body).toMatchObject({ ok: true, newMessages: 0, message: "0 new messages, 3 already received" });
    expect(await db().select().from(tickets).where(eq(tickets.organizationId, org.id))).toHaveLength(2);
  });

  it("says in words what went wrong: wrong password, refused connection, missing folder — and never echoes the password", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ imapPassword: "wrong-password-123" }, /refused the user name or password/],
      [{ imapPassword: imap.password, imapPort: 1 }, /refused the connection/],
      [{ imapPassword: imap.password, imapPort: imap.port, imapFolder: "Nope" }, /folder does not exist/],
    ];
    for (const [patch, words] of cases) {
      const set = await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, { cookie: admin, body: patch });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      const res = await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: admin, body: {} });
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toMatch(words);
      expect(JSON.stringify(res.body)).not.toContain("wrong-password-123");
      expect(JSON.stringify(res.body)).not.toContain(imap.password);
    }
  });

  it("the stored password goes only to the server it was entered for: a new host, port or TLS off needs it again (attack pass C2)", async () => {
    // A server of the attacker's that greets like IMAP and writes down every line it is sent.
    const heard: string[] = [];
    const trap: Server = createServer((socket) => {
      socket.write("* OK [CAPABILITY IMAP4rev1] ready\r\n");
      socket.on("data", (chunk) => {
        for (const line of chunk.toString("utf8").split("\r\n").filter(Boolean)) {
          heard.push(line);
          const tag = line.split(" ")[0];
          socket.write(/ CAPABILITY/i.test(line) ? `* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n` : `${tag} NO nope\r\n`);
        }
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.2", resolve));
    const trapPort = (trap.address() as { port: number }).port;
    try {
      await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, {
        cookie: admin,
        body: { imapHost: imap.host, imapPort: imap.port, imapTls: true, imapPassword: imap.password, imapFolder: "INBOX" },
      });
      for (const patch of [
        { imapHost: "127.0.0.2", imapPort: trapPort, imapTls: false },
        { imapHost: "127.0.0.2" },
        { imapPort: trapPort },
        { imapTls: false },
      ]) {
        const set = await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, { cookie: admin, body: patch });
        await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: admin, body: {} });
        expect(heard.join("\n"), JSON.stringify(patch)).not.toContain(imap.password);
        expect(set.status, JSON.stringify(patch)).toBe(400);
        expect(set.body.error.details).toEqual([{ path: "imapPassword", message: "must be entered again when the IMAP server, port or TLS setting changes" }]);
      }
      const [row] = await db().select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
      expect(row).toMatchObject({ imapHost: imap.host, imapPort: imap.port, imapTls: true });
      // With the password typed again the move is the admin's to make; folder, user and TLS on need nothing.
      expect(
        (await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, { cookie: admin, body: { imapFolder: "Archive", imapUser: imap.user } })).status,
      ).toBe(200);
      const moved = await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, {
        cookie: admin,
        body: { imapHost: imap.host, imapPort: imap.port, imapTls: false, imapPassword: imap.password, imapFolder: "INBOX" },
      });
      expect(moved.status).toBe(200);
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });

  it("only admins manage mailboxes and settings; agents and requesters get 403", async () => {
    for (const user of [org.agent, org.requester]) {
      const cookie = await signIn(user);
      expect((await callJson("GET", "/api/admin/mailboxes", { cookie })).status).toBe(403);
      expect((await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie, body: {} })).status).toBe(403);
      expect((await callJson("PUT", "/api/admin/mail-settings", { cookie, body: { acceptance: "anyone" } })).status).toBe(403);
    }
  });

  it("refuses incomplete IMAP settings and a second organization taking the same address", async () => {
    const noPassword = await callJson("POST", "/api/admin/mailboxes", {
      cookie: admin,
      body: { address: `x@${org.slug}.test`, imapHost: "imap.example.com", imapUser: "u" },
    });
    expect(noPassword.status).toBe(400);
    const other = await createOrg("imap-other");
    // In the other organization's staff domain: the one 400 that names no one (B1).
    const taken = await callJson("POST", "/api/admin/mailboxes", { cookie: await signIn(other.admin), body: { address: `SUPPORT@${org.slug}.test` } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ path: "address", message: "cannot be used for a mailbox of this organization" }]);
    const plus = await callJson("POST", "/api/admin/mailboxes", { cookie: admin, body: { address: `support+x@${org.slug}.test` } });
    expect(plus.status).toBe(400);
  });
});
