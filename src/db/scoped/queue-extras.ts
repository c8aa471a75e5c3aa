// What a queue row carries besides the ticket (issue 15): its tag names and the organization's SLA
// warning lead, as columns of the SAME statement that reads the page, so a queue page — the API list and
// the queue page alike — is one round trip instead of four (page, clocks, tags, SLA settings). Both are
// subqueries under the page's own WHERE clause: they read only tickets the visibility filter let through.
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { slaSettings, tags, tickets, ticketTags } from "../schema";

/**
 * The ticket's tag names in the order the tag editor shows them (byte order, as namesFor sorts them).
 * `ticketId`: the row's ticket id column (tickets.id, or a subquery's copy of it).
 */
export function tagNamesColumn(orgId: string, ticketId: SQLWrapper = tickets.id): SQL<string[]> {
  return sql<string[]>`(select coalesce(array_agg(${tags.name} order by ${tags.name} collate "C"), '{}') from ${ticketTags} inner join ${tags} on ${and(
    eq(tags.id, ticketTags.tagId),
    eq(tags.organizationId, ticketTags.organizationId),
  )} where ${ticketTags.ticketId} = ${ticketId} and ${ticketTags.organizationId} = ${orgId})`;
}

/** The organization's warning lead in minutes, or null without a settings row (the default applies). */
export function warningLeadColumn(orgId: string): SQL<number | null> {
  return sql<number | null>`(select ${slaSettings.warningLeadMinutes} from ${slaSettings} where ${slaSettings.organizationId} = ${orgId})`;
}

export interface QueueExtras {
  /** Tag names; null when the caller did not ask for them (tags are staff-only). */
  tagNames: string[] | null;
  warningLeadMinutes: number | null;
}
