// The ONE tenant-scoped data access (DESIGN.md rule 2). Every read and write of tenant data in the domain
// goes through `scoped(actor)`, which adds the actor's organization (and, for requesters, their own
// tickets only) to the WHERE clause itself. Another tenant's id therefore matches no row: a 404, decided
// in SQL, never fetch-then-compare. Crossing tenants is only possible in files named unsafe-*.ts.
import { rolesWith } from "@/auth/permissions";
import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import { appendAuditEvent } from "@/domain/audit/append-audit-event";
import { scopedExports } from "./scoped-exports";
import { db, isTransaction, type DbOrTx, type Tx } from "./client";
import { adminTeamQueries, adminUserQueries, auditRetentionQueries, inviteQueries } from "./scoped-admin";
import { scopedNotifications } from "./scoped-notifications";
import { scopedSla } from "./scoped-sla";
import {
  auditEvents,
  comments,
  organizations,
  sessions,
  slaPolicies,
  teams,
  tickets,
  users,
  type Comment,
  type NewTicket,
  type Ticket,
  type TRole,
  type TTicketPriority,
} from "./schema";
import { attachmentDownloadTokens, attachments, type Attachment, type NewAttachment } from "./schema/attachments";
import { isNull, lte, or } from "drizzle-orm";

/** A ticket row that was read through the actor's visibility filter; comment access requires one. */
export type VisibleTicket = Ticket & { readonly __visibleTo: unique symbol };

export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

/** Which tickets the actor may see at all: its organization, and for requesters only their own. */
export function ticketVisibility(actor: Actor): SQL {
  const inOrg = eq(tickets.organizationId, actor.orgId);
  if (can(actor, "tickets.read.all")) return inOrg;
  return and(inOrg, eq(tickets.requesterId, actor.userId)) as SQL;
}

/** Which attachment rows the actor may see on a visible ticket (S11): clean, internal only for staff. */
function attachmentVisibilityFor(actor: Actor, includeOwnPending: boolean): SQL {
  const servable = includeOwnPending
    ? (or(eq(attachments.status, "clean"), and(eq(attachments.status, "pending_scan"), eq(attachments.uploaderId, actor.userId))) as SQL)
    : eq(attachments.status, "clean");
  if (can(actor, "attachments.read.internal")) return servable;
  return and(servable, eq(attachments.internal, false)) as SQL;
}

/**
 * Rows strictly after the cursor in (created_at DESC, id DESC) order. Written as a row comparison so
 * PostgreSQL uses it as an index condition (an OR of the two cases would only be a filter).
 */
function olderThan(cursor: KeysetCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
}

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
};

export const ticketColumns = (() => {
  // Everything but the generated search vector, which clients never need.
  const { searchVector: _omit, ...rest } = getTableColumns(tickets);
  return rest;
})();

export function scoped(actor: Actor, conn: DbOrTx = db()) {
  const orgId = actor.orgId;

  return {
    actor,

    tickets: {
      async find(id: string, opts: { forUpdate?: boolean } = {}): Promise<VisibleTicket | null> {
        const query = conn.select(ticketColumns).from(tickets).where(and(eq(tickets.id, id), ticketVisibility(actor))).limit(1);
        const [row] = opts.forUpdate ? await query.for("update") : await query;
        return (row as VisibleTicket | undefined) ?? null;
      },

      async list(filter: SQL | undefined, page: { cursor?: KeysetCursor; limit: number }): Promise<Ticket[]> {
        const rows = await conn
          .select(ticketColumns)
          .from(tickets)
          .where(and(ticketVisibility(actor), filter, olderThan(page.cursor)))
          .orderBy(desc(tickets.createdAt), desc(tickets.id))
          .limit(page.limit);
        return rows as Ticket[];
      },

      async insert(values: Omit<NewTicket, "organizationId" | "number" | "id" | "searchVector">): Promise<VisibleTicket> {
        // Per-organization ticket numbers; the row lock on the organization serialises concurrent creates.
        const [org] = await conn
          .update(organizations)
          .set({ ticketCounter: sqlIncrement() })
          .where(eq(organizations.id, orgId))
          .returning({ counter: organizations.ticketCounter });
        if (!org) throw new Error("actor organization missing");
        const [row] = await conn
          .insert(tickets)
          .values({ ...values, organizationId: orgId, number: org.counter })
          .returning(ticketColumns);
        return row as VisibleTicket;
      },

      async update(ticket: VisibleTicket, patch: Partial<Omit<NewTicket, "id" | "organizationId" | "number" | "searchVector">>): Promise<VisibleTicket> {
        const [row] = await conn
          .update(tickets)
          .set(patch)
          .where(and(eq(tickets.id, ticket.id), eq(tickets.organizationId, orgId)))
          .returning(ticketColumns);
        return row as VisibleTicket;
      },
    },

    comments: {
      /** Internal notes are filtered here, not by callers: a requester can never receive one. */
      async list(ticket: VisibleTicket, page: { afterSeq?: number; limit: number }): Promise<Comment[]> {
        const conditions: (SQL | undefined)[] = [eq(comments.ticketId, ticket.id), eq(comments.organizationId, orgId)];
        if (!can(actor, "comments.read.internal")) conditions.push(eq(comments.internal, false));
        if (page.afterSeq !== undefined) conditions.push(gt(comments.seq, page.afterSeq));
        return conn
          .select()
          .from(comments)
          .where(and(...conditions))
          .orderBy(asc(comments.seq))
          .limit(page.limit);
      },

      async insert(ticket: VisibleTicket, values: { bodyMd: string; internal: boolean }): Promise<Comment> {
        const [row] = await conn
          .insert(comments)
          .values({ ...values, ticketId: ticket.id, organizationId: orgId, authorId: actor.userId, createdAt: now() })
          .returning();
        return row!;
      },
    },

    /**
     * Attachments (S11). Visible = on a ticket the actor can see, not internal unless the actor reads
     * internal notes, and `clean`; the uploader also sees their own `pending_scan` rows (never served).
     * Infected and failed rows are never returned here.
     */
    attachments: {
      async insert(ticket: VisibleTicket, values: Omit<NewAttachment, "id" | "organizationId" | "ticketId" | "uploaderId">): Promise<Attachment> {
        const [row] = await conn
          .insert(attachments)
          .values({ ...values, ticketId: ticket.id, organizationId: orgId, uploaderId: actor.userId, createdAt: now(), updatedAt: now() })
          .returning();
        return row!;
      },

      /** Files that count against the per-ticket cap: clean and still waiting for a scan. */
      async countActive(ticket: VisibleTicket): Promise<number> {
        const [row] = await conn
          .select({ n: sql<number>`count(*)::int` })
          .from(attachments)
          .where(and(eq(attachments.ticketId, ticket.id), eq(attachments.organizationId, orgId), inArray(attachments.status, ["clean", "pending_scan"])));
        return row?.n ?? 0;
      },

      /** The actor's own comment on this ticket (internal notes only for staff): what an upload may attach to. */
      async findOwnComment(ticket: VisibleTicket, commentId: string): Promise<Comment | null> {
        const conditions: (SQL | undefined)[] = [
          eq(comments.id, commentId),
          eq(comments.ticketId, ticket.id),
          eq(comments.organizationId, orgId),
          eq(comments.authorId, actor.userId),
        ];
        if (!can(actor, "attachments.read.internal")) conditions.push(eq(comments.internal, false));
        const [row] = await conn.select().from(comments).where(and(...conditions)).limit(1);
        return row ?? null;
      },

      async find(id: string, opts: { includeOwnPending?: boolean } = {}): Promise<Attachment | null> {
        const [row] = await conn
          .select({ a: attachments })
          .from(attachments)
          .innerJoin(tickets, and(eq(tickets.id, attachments.ticketId), eq(tickets.organizationId, attachments.organizationId)))
          .where(and(eq(attachments.id, id), eq(attachments.organizationId, orgId), ticketVisibility(actor), attachmentVisibilityFor(actor, opts.includeOwnPending ?? false)))
          .limit(1);
        return row?.a ?? null;
      },

      async listForTicket(ticket: VisibleTicket, limit: number): Promise<Attachment[]> {
        return conn
          .select()
          .from(attachments)
          .where(and(eq(attachments.ticketId, ticket.id), eq(attachments.organizationId, orgId), attachmentVisibilityFor(actor, true)))
          .orderBy(asc(attachments.createdAt), asc(attachments.id))
          .limit(limit);
      },

      /** Records a scan verdict on a row still pending; null when another run got there first. */
      async markScanned(id: string, patch: Pick<NewAttachment, "status" | "scanResult" | "scannedAt" | "scanAttempts">): Promise<Attachment | null> {
        const [row] = await conn
          .update(attachments)
          .set({ ...patch, updatedAt: now() })
          .where(and(eq(attachments.id, id), eq(attachments.organizationId, orgId), eq(attachments.status, "pending_scan")))
          .returning();
        return row ?? null;
      },

      async createDownloadToken(attachment: Attachment, tokenHash: string, expiresAt: Date): Promise<void> {
        await conn.insert(attachmentDownloadTokens).values({ tokenHash, attachmentId: attachment.id, organizationId: orgId, userId: actor.userId, expiresAt, createdAt: now() });
      },

      /**
       * Uses a token once: only the user it was issued to, in its organization, before it expires. The
       * single UPDATE makes a concurrent second use lose. On refusal, says why (for the message only).
       */
      async consumeDownloadToken(tokenHash: string): Promise<{ attachmentId: string } | { refused: "unknown" | "used" | "expired" }> {
        const at = now();
        const mine = and(eq(attachmentDownloadTokens.tokenHash, tokenHash), eq(attachmentDownloadTokens.organizationId, orgId), eq(attachmentDownloadTokens.userId, actor.userId));
        const [used] = await conn
          .update(attachmentDownloadTokens)
          .set({ usedAt: at })
          .where(and(mine, isNull(attachmentDownloadTokens.usedAt), gt(attachmentDownloadTokens.expiresAt, at)))
          .returning({ attachmentId: attachmentDownloadTokens.attachmentId });
        if (used) return used;
        const [row] = await conn.select({ usedAt: attachmentDownloadTokens.usedAt }).from(attachmentDownloadTokens).where(mine).limit(1);
        if (!row) return { refused: "unknown" };
        return { refused: row.usedAt ? "used" : "expired" };
      },

      /** Housekeeping: this organization's tokens that can no longer be used. */
      async deleteDeadTokens(): Promise<number> {
        const rows = await conn
          .delete(attachmentDownloadTokens)
          .where(and(eq(attachmentDownloadTokens.organizationId, orgId), or(lte(attachmentDownloadTokens.expiresAt, now()), sql`${attachmentDownloadTokens.usedAt} is not null`)))
          .returning({ h: attachmentDownloadTokens.tokenHash });
        return rows.length;
      },
    },

    users: {
      // Admin area (S17): list, invite, MFA reset, last-admin lock; see scoped-admin.ts.
      ...adminUserQueries(orgId, conn),

      async find(id: string) {
        const [row] = await conn
          .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
          .from(users)
          .where(and(eq(users.id, id), eq(users.organizationId, orgId)))
          .limit(1);
        return row ?? null;
      },

      async findMany(ids: string[]) {
        if (ids.length === 0) return [];
        return conn
          .select({ id: users.id, name: users.name, role: users.role, email: users.email })
          .from(users)
          .where(and(inArray(users.id, ids), eq(users.organizationId, orgId)));
      },

      async update(id: string, patch: { role?: TRole; active?: boolean }) {
        const [row] = await conn
          .update(users)
          .set({ ...patch, updatedAt: now() })
          .where(and(eq(users.id, id), eq(users.organizationId, orgId)))
          .returning({ id: users.id, role: users.role, active: users.active, name: users.name, email: users.email });
        return row ?? null;
      },

      /** Ends every session of a user of this organization (role change, deactivation). */
      async revokeSessions(id: string): Promise<number> {
        const member = conn.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.organizationId, orgId)));
        const rows = await conn.delete(sessions).where(inArray(sessions.userId, member)).returning({ id: sessions.id });
        return rows.length;
      },

      async listStaff() {
        return conn
          .select({ id: users.id, name: users.name, role: users.role, email: users.email })
          .from(users)
          .where(and(eq(users.organizationId, orgId), eq(users.active, true), inArray(users.role, rolesWith("tickets.be_assigned"))))
          .orderBy(asc(users.name));
      },
    },

    teams: {
      ...adminTeamQueries(orgId, conn),

      async find(id: string) {
        const [row] = await conn.select().from(teams).where(and(eq(teams.id, id), eq(teams.organizationId, orgId))).limit(1);
        return row ?? null;
      },
      async list() {
        return conn.select().from(teams).where(eq(teams.organizationId, orgId)).orderBy(asc(teams.name));
      },
    },

    slaPolicies: {
      async forPriority(priority: TTicketPriority) {
        const [row] = await conn
          .select()
          .from(slaPolicies)
          .where(and(eq(slaPolicies.organizationId, orgId), eq(slaPolicies.priority, priority)))
          .limit(1);
        return row ?? null;
      },
    },

    // SLA engine and notifications (S9): their sections live beside this file, same rules.
    sla: scopedSla(actor, conn),
    ...scopedNotifications(actor, conn),

    /** The actor's own sign-in sessions: never anyone else's, whatever id is asked for. */
    mySessions: {
      async list() {
        return conn
          .select({ id: sessions.id, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent, createdAt: sessions.createdAt, updatedAt: sessions.updatedAt })
          .from(sessions)
          .where(and(eq(sessions.userId, actor.userId), gt(sessions.expiresAt, now())))
          .orderBy(desc(sessions.updatedAt));
      },
      async delete(id: string): Promise<number> {
        const rows = await conn.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, actor.userId))).returning({ id: sessions.id });
        return rows.length;
      },
      async deleteAllExcept(keepId: string): Promise<number> {
        const rows = await conn.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, keepId))).returning({ id: sessions.id });
        return rows.length;
      },
    },

    organization: {
      ...auditRetentionQueries(orgId, conn),

      async get() {
        const [row] = await conn.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
        return row!;
      },
      async update(patch: { mfaRequired?: boolean; name?: string }) {
        const [row] = await conn.update(organizations).set(patch).where(eq(organizations.id, orgId)).returning();
        return row!;
      },
    },

    exports: scopedExports(actor, conn),

    /** One-time invite links issued by this organization's admins (S17). */
    invites: inviteQueries(orgId, actor.userId, conn),

    audit: {
      async list(filter: { action?: string; actorId?: string; targetType?: string; targetId?: string; cursor?: number }, limit: number) {
        return conn
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.organizationId, orgId),
              filter.action ? eq(auditEvents.action, filter.action) : undefined,
              filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
              filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
              filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
              filter.cursor ? lt(auditEvents.seq, filter.cursor) : undefined,
            ),
          )
          .orderBy(desc(auditEvents.seq))
          .limit(limit);
      },

      /** Appended to the organization's hash chain inside the caller's transaction (S12). */
      async record(event: AuditInput): Promise<void> {
        const write = (tx: Tx) =>
          appendAuditEvent(tx, { ...event, organizationId: orgId, actorId: actor.userId, ip: actor.ip, userAgent: actor.userAgent });
        // The chain head lock must be held until commit: outside a transaction, open one.
        if (isTransaction(conn)) await write(conn);
        else await db().transaction(write);
      },
    },
  };
}

export type Scoped = ReturnType<typeof scoped>;

/** One transaction per change: the callback's writes, SLA updates and audit events commit together. */
export async function inTenantTransaction<T>(actor: Actor, work: (s: Scoped) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => work(scoped(actor, tx)));
}

function sqlIncrement() {
  return sql`${organizations.ticketCounter} + 1`;
}
