// scoped(actor).erasure (issue 14): the statements that erase one person of the actor's organization, run
// by src/domain/lifecycle/erase-person.ts inside one transaction. Every statement names the organization
// (or a user id that the caller found inside it); the tables without an organization column (Better Auth's
// sessions, accounts, two-factor rows, reset requests and verifications) are reached only through that id
// or address. The sweep walks the organization's own tables from the catalogue, so a table added later is
// covered without a change here.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import {
  accounts,
  adminInvites,
  attachmentDownloadTokens,
  attachments,
  comments,
  dataExports,
  deviceCookies,
  inboundMails,
  macros,
  notifications,
  outboxMessages,
  passwordResetRequests,
  satisfactionRatings,
  satisfactionRequests,
  savedViews,
  sessions,
  teamMembers,
  tickets,
  twoFactors,
  usedTotpCodes,
  users,
  verifications,
} from "../schema";
import { stopRunningExports } from "./exports";

/** What stands in for an erased text. */
export const ERASED_TEXT = "[erased]";

/** Stored objects to delete once the transaction has committed. */
export interface StoredObject {
  area: "held" | "clean" | "quarantine" | "exports";
  key: string;
}

/** Tables the sweep leaves alone: the audit chain (redacted by the database itself) and other people's own rows. */
const NOT_SWEPT = new Set(["audit_events", "audit_chain_heads", "users"]);

interface SweptColumn {
  table: string;
  column: string;
  kind: "text" | "jsonb" | "array" | "bytea";
  maxLength: number | null;
  nullable: boolean;
}

const contains = (expr: ReturnType<typeof sql>, needles: string[]) =>
  sql`exists (select 1 from unnest(${sql.param(needles)}::text[]) as n where strpos(lower(${expr}), lower(n)) > 0)`;

export function erasureQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;

  async function sweptColumns(): Promise<SweptColumn[]> {
    const result = await conn.execute<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      max: number | null;
      nullable: string;
    }>(sql`
      select c.table_name, c.column_name, c.data_type, c.udt_name, c.character_maximum_length as max, c.is_nullable as nullable
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = 'public' and c.is_generated = 'NEVER'
         -- The tables the database writes itself (the live-event log: ids only) are not the app's to change.
         and has_table_privilege(format('%I.%I', c.table_schema, c.table_name), 'UPDATE')
         and (c.data_type in ('text', 'character varying', 'jsonb', 'bytea') or c.udt_name in ('_text', '_varchar'))
         and exists (select 1 from information_schema.columns o
                      where o.table_schema = 'public' and o.table_name = c.table_name and o.column_name = 'organization_id')
       order by c.table_name, c.column_name`);
    return result.rows
      .filter((r) => !NOT_SWEPT.has(r.table_name) && r.column_name !== "organization_id")
      .map((r) => ({
        table: r.table_name,
        column: r.column_name,
        kind: r.data_type === "jsonb" ? "jsonb" : r.data_type === "bytea" ? "bytea" : r.data_type === "ARRAY" ? "array" : "text",
        maxLength: r.max,
        nullable: r.nullable === "YES",
      }));
  }

  return {
    /** The person as the erasure needs them, inside the organization (null: not here). */
    async person(userId: string) {
      const [row] = await conn
        .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, erasedAt: users.erasedAt })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.organizationId, orgId)))
        .for("update");
      return row ?? null;
    },

    /** Sign-in material and everything tied to the person's user id: they can never sign in again. */
    async removeAccess(userId: string, email: string): Promise<void> {
      await conn.delete(sessions).where(eq(sessions.userId, userId));
      await conn.delete(accounts).where(eq(accounts.userId, userId));
      await conn.delete(twoFactors).where(eq(twoFactors.userId, userId));
      await conn.delete(usedTotpCodes).where(eq(usedTotpCodes.userId, userId));
      await conn.delete(deviceCookies).where(and(eq(deviceCookies.userId, userId), eq(deviceCookies.organizationId, orgId)));
      await conn.delete(passwordResetRequests).where(sql`lower(${passwordResetRequests.email}) = lower(${email})`);
      await conn.delete(verifications).where(or(contains(sql`${verifications.identifier} || ' ' || ${verifications.value}`, [email, userId])));
      await conn
        .delete(adminInvites)
        .where(and(eq(adminInvites.organizationId, orgId), or(eq(adminInvites.userId, userId), sql`lower(${adminInvites.email}) = lower(${email})`)));
      await conn.delete(attachmentDownloadTokens).where(and(eq(attachmentDownloadTokens.userId, userId), eq(attachmentDownloadTokens.organizationId, orgId)));
      await conn.delete(notifications).where(and(eq(notifications.userId, userId), eq(notifications.organizationId, orgId)));
      // The live-event log is the database's to write (migration 0018): forgotten through its function.
      await conn.execute(sql`select live_events_forget_user(${orgId}::uuid, ${userId})`);
      await conn.delete(teamMembers).where(and(eq(teamMembers.userId, userId), eq(teamMembers.organizationId, orgId)));
      await conn.delete(savedViews).where(and(eq(savedViews.ownerId, userId), eq(savedViews.organizationId, orgId)));
      await conn.delete(macros).where(and(eq(macros.ownerId, userId), eq(macros.organizationId, orgId)));
      // Satisfaction questions not yet answered: their links die with them.
      await conn
        .delete(satisfactionRequests)
        .where(and(eq(satisfactionRequests.requesterId, userId), eq(satisfactionRequests.organizationId, orgId), isNull(satisfactionRequests.answeredAt)));
      // Mail not yet sent to them is not sent.
      await conn
        .delete(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, orgId), eq(outboxMessages.status, "pending"), contains(sql`${outboxMessages.payload}::text`, [email])));
    },

    /** Texts they wrote: their comments and the descriptions of the tickets they requested. Returns files to delete. */
    async eraseTexts(userId: string, email: string): Promise<{ comments: number; tickets: number; files: StoredObject[] }> {
      const c = await conn
        .update(comments)
        .set({ bodyMd: ERASED_TEXT })
        .where(and(eq(comments.authorId, userId), eq(comments.organizationId, orgId)))
        .returning({ id: comments.id });
      const t = await conn
        .update(tickets)
        .set({ descriptionMd: ERASED_TEXT })
        .where(and(eq(tickets.requesterId, userId), eq(tickets.organizationId, orgId)))
        .returning({ id: tickets.id });
      const files = await conn
        .delete(attachments)
        .where(and(eq(attachments.uploaderId, userId), eq(attachments.organizationId, orgId)))
        .returning({ key: attachments.storageKey });
      // Their satisfaction answers keep good/bad (reports count them), not their words.
      await conn
        .update(satisfactionRatings)
        .set({ comment: null })
        .where(and(eq(satisfactionRatings.requesterId, userId), eq(satisfactionRatings.organizationId, orgId)));
      // Raw mail they sent: the bytes go, the row (what the ticket came from) stays.
      await conn
        .update(inboundMails)
        .set({ raw: null, subject: ERASED_TEXT })
        .where(and(eq(inboundMails.organizationId, orgId), sql`lower(${inboundMails.fromAddress}) = lower(${email})`));
      return { comments: c.length, tickets: t.length, files: files.flatMap((f) => storedEverywhere(f.key)) };
    },

    /**
     * Finished exports of the organization: any of them may hold the person, so every one made before the
     * erasure goes (row and file). A running export is stopped (its file not kept); a queued one starts from the erased data.
     */
    async removeExports(): Promise<StoredObject[]> {
      const rows = await conn
        .delete(dataExports)
        .where(and(eq(dataExports.organizationId, orgId), inArray(dataExports.status, ["done", "failed"])))
        .returning({ key: dataExports.storageKey });
      await stopRunningExports(conn, orgId);
      return rows.flatMap((r) => (r.key ? [{ area: "exports" as const, key: r.key }] : []));
    },

    /**
     * Every text, varchar, jsonb, text-array and bytea column of the organization's tables: the person's
     * name and address replaced by "[erased]" wherever they still appear (others' replies that greet them,
     * notifications about them, mail logs, activity). A byte column that holds them is cleared.
     */
    async sweep(needles: string[]): Promise<number> {
      let changed = 0;
      for (const col of await sweptColumns()) {
        const t = sql.identifier(col.table);
        const c = sql.identifier(col.column);
        const erased =
          col.kind === "jsonb"
            ? sql`erase_personal_jsonb(${c}, ${sql.param(needles)}::text[])`
            : col.kind === "array"
              ? sql`array(select erase_personal_text(x, ${sql.param(needles)}::text[]) from unnest(${c}) as x)`
              : col.maxLength
                ? sql`left(erase_personal_text(${c}, ${sql.param(needles)}::text[]), ${col.maxLength}::int)`
                : sql`erase_personal_text(${c}, ${sql.param(needles)}::text[])`;
        if (col.kind === "bytea" && !col.nullable) continue;
        const text = col.kind === "bytea" ? sql`encode(${c}, 'escape')` : sql`${c}::text`;
        const result = await conn.execute(
          sql`update ${t} set ${c} = ${col.kind === "bytea" ? sql`null` : erased} where organization_id = ${orgId}::uuid and ${contains(text, needles)}`,
        );
        changed += result.rowCount ?? 0;
      }
      return changed;
    },

    /**
     * The audit trail, by the database (migration 0027, audit_erase_person): it reads the person's name and
     * address itself, redacts the events that hold them, seals each one and appends "person.erased".
     */
    async redactAudit(userId: string): Promise<{ erasureSeq: number; redacted: number }> {
      const result = await conn.execute<{ erasure_seq: string; redacted: number }>(
        sql`select erasure_seq, redacted from audit_erase_person(${orgId}::uuid, ${userId}, ${actor.userId}, ${actor.ip}, ${actor.userAgent})`,
      );
      const row = result.rows[0]!;
      return { erasureSeq: Number(row.erasure_seq), redacted: Number(row.redacted) };
    },

    /** The row stays (tickets and comments point at it) with neither name, address nor picture. */
    async anonymise(userId: string, at: Date): Promise<void> {
      await conn
        .update(users)
        .set({
          name: "Erased person",
          email: `erased-${userId}@erased.invalid`,
          image: null,
          active: false,
          emailVerified: false,
          twoFactorEnabled: false,
          invitePending: false,
          // Their own zone, language and theme say something about them too (issue 13's preferences).
          timeZone: null,
          locale: null,
          theme: null,
          erasedAt: at,
          updatedAt: at,
        })
        .where(and(eq(users.id, userId), eq(users.organizationId, orgId)));
    },
  };
}

/** An attachment's bytes may sit in any of its three areas (held, clean or quarantined). */
export function storedEverywhere(key: string): StoredObject[] {
  return [
    { area: "held", key },
    { area: "clean", key },
    { area: "quarantine", key },
  ];
}
