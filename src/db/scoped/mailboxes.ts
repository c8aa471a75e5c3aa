// scoped(actor).mailboxes (issue 12): the organization's support addresses and IMAP mailboxes, and its
// rule for who may open tickets by e-mail. The encrypted password column is read only by `credentials()`
// (the poller); every other read leaves it out, so no answer can carry it by accident.
import { and, asc, eq, getTableColumns, ne, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { mailboxes, mailSettings, type NewMailbox, type TMailAcceptance } from "../schema";

const { imapPasswordEnc: _secret, ...publicColumns } = getTableColumns(mailboxes);
export type MailboxRow = Omit<typeof mailboxes.$inferSelect, "imapPasswordEnc"> & { passwordSet: boolean };

export type MailboxValues = Omit<NewMailbox, "id" | "organizationId" | "createdAt" | "updatedAt">;

export function mailboxQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const mine = (id: string) => and(eq(mailboxes.id, id), eq(mailboxes.organizationId, orgId));
  const withPasswordFlag = { ...publicColumns, passwordSet: mailboxes.imapPasswordEnc };
  const toRow = (r: { passwordSet: string | null } & Omit<MailboxRow, "passwordSet">): MailboxRow => ({ ...r, passwordSet: r.passwordSet !== null });
  return {
    async list(limit: number): Promise<MailboxRow[]> {
      const rows = await conn.select(withPasswordFlag).from(mailboxes).where(eq(mailboxes.organizationId, orgId)).orderBy(asc(mailboxes.address)).limit(limit);
      return rows.map(toRow);
    },
    async count(): Promise<number> {
      return (await conn.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.organizationId, orgId))).length;
    },
    async find(id: string): Promise<MailboxRow | null> {
      const [row] = await conn.select(withPasswordFlag).from(mailboxes).where(mine(id)).limit(1);
      return row ? toRow(row) : null;
    },
    /** Whether another mailbox of this organization already has the address (any letter case). */
    async hasAddress(address: string, exceptId?: string): Promise<boolean> {
      const [row] = await conn
        .select({ id: mailboxes.id })
        .from(mailboxes)
        .where(
          and(
            eq(mailboxes.organizationId, orgId),
            sql`lower(${mailboxes.address}) = ${address.toLowerCase()}`,
            exceptId ? ne(mailboxes.id, exceptId) : undefined,
          ),
        )
        .limit(1);
      return row !== undefined;
    },
    /** The poller's view: the sealed password too (opened with the row's id and organization). */
    async credentials(id: string) {
      const [row] = await conn.select().from(mailboxes).where(mine(id)).limit(1);
      return row ?? null;
    },
    async insert(values: MailboxValues & { id: string }): Promise<void> {
      await conn.insert(mailboxes).values({ ...values, organizationId: orgId, createdAt: now(), updatedAt: now() });
    },
    async update(id: string, patch: Partial<MailboxValues>): Promise<boolean> {
      const rows = await conn
        .update(mailboxes)
        .set({ ...patch, updatedAt: now() })
        .where(mine(id))
        .returning({ id: mailboxes.id });
      return rows.length > 0;
    },
    async delete(id: string): Promise<boolean> {
      return (await conn.delete(mailboxes).where(mine(id)).returning({ id: mailboxes.id })).length > 0;
    },
    async recordPoll(id: string, result: { ok: boolean; message: string; uidValidity?: number; lastUid?: number }): Promise<void> {
      await conn
        .update(mailboxes)
        .set({
          lastPollAt: now(),
          lastPollOk: result.ok,
          lastPollMessage: result.message.slice(0, 500),
          ...(result.uidValidity !== undefined ? { imapUidValidity: result.uidValidity, imapLastUid: result.lastUid ?? 0 } : {}),
        })
        .where(mine(id));
    },

    async settings(): Promise<{ acceptance: TMailAcceptance; knownDomains: string[] }> {
      const [row] = await conn.select().from(mailSettings).where(eq(mailSettings.organizationId, orgId)).limit(1);
      return { acceptance: row?.acceptance ?? "anyone", knownDomains: row?.knownDomains ?? [] };
    },
    async saveSettings(values: { acceptance: TMailAcceptance; knownDomains: string[] }): Promise<void> {
      const row = { ...values, updatedAt: now() };
      await conn
        .insert(mailSettings)
        .values({ ...row, organizationId: orgId })
        .onConflictDoUpdate({ target: mailSettings.organizationId, set: row });
    },
  };
}
