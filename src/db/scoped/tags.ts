// scoped(actor).tags (issue 11): the organization's tags and which visible tickets carry them. Every
// statement carries the organization, so another tenant's tag id or name matches nothing; the ticket
// methods take tickets the actor already read through its visibility.
import { and, asc, count, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { tags, ticketTags, type Tag } from "../schema";
import { personOf } from "./activity";
import type { VisibleTicket } from "./visibility";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export function tagQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const inOrg = eq(tags.organizationId, orgId);
  return {
    async find(id: string): Promise<Tag | null> {
      const [row] = await conn
        .select()
        .from(tags)
        .where(and(eq(tags.id, id), inOrg))
        .limit(1);
      return row ?? null;
    },

    async findByName(name: string): Promise<Tag | null> {
      const [row] = await conn
        .select()
        .from(tags)
        .where(and(eq(tags.name, name), inOrg))
        .limit(1);
      return row ?? null;
    },

    /**
     * Autocomplete: names containing `q`, those starting with it first, then alphabetical. A retired tag
     * (deleted, kept only by closed tickets) is not offered.
     */
    async search(q: string, limit: number): Promise<Tag[]> {
      const contains = q ? sql`${tags.name} like ${`%${escapeLike(q)}%`}` : undefined;
      const startsWith = sql`${tags.name} like ${`${escapeLike(q)}%`}`;
      return conn
        .select()
        .from(tags)
        .where(and(inOrg, isNull(tags.retiredAt), contains))
        .orderBy(sql`${startsWith} desc`, asc(tags.name))
        .limit(limit);
    },

    /** The tag names of one visible ticket, sorted. */
    async ofTicket(ticket: VisibleTicket): Promise<string[]> {
      return (await this.namesFor([ticket.id])).get(ticket.id) ?? [];
    },

    /** Tag names per ticket, for tickets the caller already read through its visibility (a queue page). */
    async namesFor(ticketIds: string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (ticketIds.length === 0) return out;
      const rows = await conn
        .select({ ticketId: ticketTags.ticketId, name: tags.name })
        .from(ticketTags)
        .innerJoin(tags, and(eq(tags.id, ticketTags.tagId), eq(tags.organizationId, ticketTags.organizationId)))
        .where(and(eq(ticketTags.organizationId, orgId), inArray(ticketTags.ticketId, ticketIds)))
        .orderBy(sql`${tags.name} collate "C"`);
      for (const r of rows) out.set(r.ticketId, [...(out.get(r.ticketId) ?? []), r.name]);
      return out;
    },

    /**
     * Makes `names` the ticket's tags, creating tags the organization does not have yet. The caller holds
     * the ticket's row lock (applyTicketChange), so two changes of one ticket cannot interleave here.
     */
    async setForTicket(ticket: VisibleTicket, names: string[]): Promise<void> {
      const ids: string[] = [];
      if (names.length > 0) {
        // DO UPDATE rather than DO NOTHING, so RETURNING also yields tags that already exist; a retired tag
        // used again is back in the organization's vocabulary.
        const rows = await conn
          .insert(tags)
          .values(names.map((name) => ({ organizationId: orgId, name })))
          .onConflictDoUpdate({ target: [tags.organizationId, tags.name], set: { name: sql`excluded.name`, retiredAt: null } })
          .returning({ id: tags.id });
        ids.push(...rows.map((r) => r.id));
      }
      const ofTicket = and(eq(ticketTags.ticketId, ticket.id), eq(ticketTags.organizationId, orgId));
      await conn.delete(ticketTags).where(ids.length ? and(ofTicket, notInArray(ticketTags.tagId, ids)) : ofTicket);
      if (ids.length === 0) return;
      await conn
        .insert(ticketTags)
        .values(ids.map((tagId) => ({ ticketId: ticket.id, tagId, organizationId: orgId, ticketCreatedAt: ticket.createdAt })))
        .onConflictDoNothing();
    },

    /**
     * Deletes a tag of the organization: it leaves every ticket that is not closed in one statement set, each
     * of those tickets getting a new (staff) version and a "tags" entry on its timeline, as if the tag had
     * been removed from it by hand. Closed tickets are final (issue 11) and keep it, as in Zendesk: the tag
     * row then stays, retired (no longer offered), so their history and `?tag=` still find them. Null when
     * the tag is not the organization's.
     */
    async remove(id: string, at: Date): Promise<{ name: string; tickets: number; keptByClosed: number } | null> {
      const tag = await this.find(id);
      if (!tag) return null;
      // `status <> 'closed'` again in the UPDATE: a ticket closed meanwhile is re-checked on its newest row
      // version and keeps its tags; only tickets actually bumped lose the tag.
      const result = await conn.execute<{ ticket_id: string }>(sql`
        with lists as (
          select tt.ticket_id,
                 string_agg(t.name, ', ' order by t.name collate "C") as before,
                 string_agg(t.name, ', ' order by t.name collate "C") filter (where t.id <> ${tag.id}::uuid) as after
          from ticket_tags tt
          join tags t on t.id = tt.tag_id and t.organization_id = tt.organization_id
          join tickets tk on tk.id = tt.ticket_id and tk.organization_id = tt.organization_id
          where tt.organization_id = ${orgId}::uuid and tk.status <> 'closed'
            and tt.ticket_id in (select ticket_id from ticket_tags where organization_id = ${orgId}::uuid and tag_id = ${tag.id}::uuid)
          group by tt.ticket_id
        ), bumped as (
          update tickets set version = version + 1, updated_at = ${at.toISOString()}::timestamptz
          where organization_id = ${orgId}::uuid and id in (select ticket_id from lists) and status <> 'closed'
          returning id, version, public_version
        ), untagged as (
          delete from ticket_tags
          where organization_id = ${orgId}::uuid and tag_id = ${tag.id}::uuid and ticket_id in (select id from bumped)
        )
        insert into ticket_activity (organization_id, ticket_id, actor_id, field, from_value, to_value, staff_only, ticket_version, ticket_public_version, created_at)
        select ${orgId}::uuid, b.id, ${personOf(actor)}, 'tags', l.before, l.after, true, b.version, b.public_version, ${at.toISOString()}::timestamptz
        from bumped b join lists l on l.ticket_id = b.id
        returning ticket_id`);
      const [kept] = await conn
        .select({ n: count() })
        .from(ticketTags)
        .where(and(eq(ticketTags.organizationId, orgId), eq(ticketTags.tagId, tag.id)));
      const keptByClosed = kept?.n ?? 0;
      if (keptByClosed === 0) await conn.delete(tags).where(and(eq(tags.id, tag.id), inOrg));
      else
        await conn
          .update(tags)
          .set({ retiredAt: at })
          .where(and(eq(tags.id, tag.id), inOrg));
      return { name: tag.name, tickets: result.rows.length, keptByClosed };
    },
  };
}
