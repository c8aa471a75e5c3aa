// The queue page's statement, pre-rendered (issue 15). A queue page — GET /api/tickets and the queue
// page alike — reads the same columns from the same tables in one of four orders on every request; only
// the WHERE clause (visibility and filters, still built by drizzle from the same conditions), the
// organization and the limit change. Building the whole select through drizzle's query builder cost
// ~0.6 ms a request (every column of the selection checked and escaped again), and mapping its rows
// ~0.5 ms more (a Date per timestamp column, read from PostgreSQL's non-ISO text). Here the fixed text is
// rendered once, from the schema's own column objects, and rows come back as arrays whose timestamps go
// straight to their ISO text (src/db/pg-timestamp.ts): only the columns the DTO and the SLA view read.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { PgDialect, type SelectedFields } from "drizzle-orm/pg-core";
import type { WithInstants } from "@/lib/instant";
import type { DbOrTx } from "../client";
import { isoFromPgTimestamptz } from "../pg-timestamp";
import { tickets, ticketSla, ticketTags, type Ticket, type TicketSla } from "../schema";
import { type QueueExtras, tagNamesColumn, warningLeadColumn } from "./queue-extras";

/** What a queue row shows of the ticket: the columns of its DTO (src/domain/tickets/ticket-dto.ts). */
const QUEUE_TICKET_COLUMNS = [
  "id",
  "number",
  "title",
  "descriptionMd",
  "status",
  "requesterId",
  "followUpOf",
  "firstRespondedAt",
  "resolvedAt",
  "createdAt",
  "publicUpdatedAt",
  "publicVersion",
  "priority",
  "assigneeId",
  "teamId",
  "firstResponseDueAt",
  "resolutionDueAt",
  "updatedAt",
  "version",
] as const satisfies readonly (keyof Ticket)[];
/** And of its SLA clock: what the SLA view reads (src/domain/sla/sla-view.ts). */
const QUEUE_CLOCK_COLUMNS = [
  "pausedSince",
  "nextReplyDueAt",
  "firstResponseBreachedAt",
  "nextReplyBreachedAt",
  "resolutionBreachedAt",
  "nextDueAt",
] as const satisfies readonly (keyof TicketSla)[];

/**
 * A queue row: those columns, times as ISO text; its clock (null: the ticket has none); the extras. The
 * domain hands it to toTicketDto() and slaView(), whose parameter types check that nothing is missing.
 */
export type QueueTicketRow = WithInstants<Pick<Ticket, (typeof QUEUE_TICKET_COLUMNS)[number]>> & {
  sla: WithInstants<Pick<TicketSla, (typeof QUEUE_CLOCK_COLUMNS)[number]>> | null;
} & QueueExtras;

const dialect = new PgDialect();
/** A fixed fragment as raw text; one with a parameter would lose it (and shift every $n after it): refused. */
const render = (query: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length) throw new Error("queue-statement: a pre-rendered fragment cannot carry parameters");
  return sql.raw(text);
};

/** Whether a column's values are timestamps (turned into ISO text). */
const isTime = (column: { getSQLType(): string }) => column.getSQLType().startsWith("timestamp");

const TICKET_COLUMNS = QUEUE_TICKET_COLUMNS.map((key) => ({ key, column: tickets[key], time: isTime(tickets[key]) }));
// The clock's primary key first: null when the ticket has no clock (the left join found none).
const CLOCK_COLUMNS = QUEUE_CLOCK_COLUMNS.map((key) => ({ key, column: ticketSla[key], time: isTime(ticketSla[key]) }));

/** `"tickets"."id", …, "ticket_sla"."ticket_id", …`: the fixed part of the select list. */
const SELECT_LIST = render(sql.join([...TICKET_COLUMNS.map((c) => c.column), ticketSla.ticketId, ...CLOCK_COLUMNS.map((c) => c.column)], sql`, `));

const clockOfTicket = and(eq(ticketSla.ticketId, tickets.id), eq(ticketSla.organizationId, tickets.organizationId));
const FROM = {
  tickets: render(sql`${tickets} left join ${ticketSla} on ${clockOfTicket}`),
  // With a tag the walk is driven by ticket_tags (its own copy of the ticket's position).
  tagged: render(
    sql`${ticketTags} inner join ${tickets} on ${and(eq(tickets.id, ticketTags.ticketId), eq(tickets.organizationId, ticketTags.organizationId))} left join ${ticketSla} on ${clockOfTicket}`,
  ),
};
const ORDER = {
  tickets: { desc: render(sql`${tickets.createdAt} desc, ${tickets.id} desc`), asc: render(sql`${tickets.createdAt} asc, ${tickets.id} asc`) },
  tagged: {
    desc: render(sql`${ticketTags.ticketCreatedAt} desc, ${ticketTags.ticketId} desc`),
    asc: render(sql`${ticketTags.ticketCreatedAt} asc, ${ticketTags.ticketId} asc`),
  },
};

/**
 * A column whose one parameter is the organization (queue-extras.ts), rendered once: its text before
 * and after that parameter.
 */
function aroundOrganization(build: (orgId: string) => SQL): (orgId: string) => SQL {
  const { sql: text, params } = dialect.sqlToQuery(build(sql.placeholder("organization") as unknown as string));
  const parts = text.split("$1");
  if (params.length !== 1 || parts.length !== 2) throw new Error("a queue column must have the organization as its one parameter");
  const [before, after] = parts.map((part) => sql.raw(part)) as [SQL, SQL];
  return (orgId) => sql`${before}${orgId}${after}`;
}
const TAG_NAMES = aroundOrganization((orgId) => tagNamesColumn(orgId));
const WARNING_LEAD = aroundOrganization((orgId) => warningLeadColumn(orgId));
const NO_TAG_NAMES = sql.raw("null");

export interface QueueStatement {
  orgId: string;
  /** Walk ticket_tags (a `?tag=` page) instead of tickets. */
  tagged: boolean;
  /** Nearest-to-the-cursor first, paging back. */
  before: boolean;
  where: SQL | undefined;
  /** Each ticket's tag names (queue-extras.ts); null in their place when false. */
  tagNames: boolean;
  limit: number;
}

export function queueStatement(q: QueueStatement): SQL {
  const walk = q.tagged ? "tagged" : "tickets";
  const where = q.where ? sql` where ${q.where}` : sql``;
  const tagNames = q.tagNames ? TAG_NAMES(q.orgId) : NO_TAG_NAMES;
  return sql`select ${SELECT_LIST}, ${tagNames}, ${WARNING_LEAD(q.orgId)} from ${FROM[walk]}${where} order by ${ORDER[walk][q.before ? "asc" : "desc"]} limit ${q.limit}`;
}

/**
 * The same columns, in the same order, of another source of ticket rows (a search's scored subquery):
 * for drizzle's select, followed by `more` (the caller's own columns, decoded after the row).
 */
export function queueSelection(
  ticket: Record<(typeof QUEUE_TICKET_COLUMNS)[number], SelectedFields[string]>,
  extras: { tagNames: SQL; warningLead: SQL },
  more: SelectedFields,
): SelectedFields {
  const selection: SelectedFields = {};
  for (const c of TICKET_COLUMNS) selection[`t_${c.key}`] = ticket[c.key];
  selection.clock = ticketSla.ticketId;
  for (const c of CLOCK_COLUMNS) selection[`c_${c.key}`] = c.column;
  selection.tagNames = extras.tagNames;
  selection.warningLead = extras.warningLead;
  for (const [k, v] of Object.entries(more)) selection[`m_${k}`] = v;
  return selection;
}

const FIRST_CLOCK = TICKET_COLUMNS.length;
/** Where the caller's own columns start (after the extras). */
const FIRST_MORE = FIRST_CLOCK + 1 + QUEUE_CLOCK_COLUMNS.length + 2;

/** One row as PostgreSQL sent it (rowMode "array", timestamps as text: drizzle's node-postgres types). */
function decode(row: unknown[]): QueueTicketRow {
  const ticket: Record<string, unknown> = {};
  for (let i = 0; i < TICKET_COLUMNS.length; i++) {
    const c = TICKET_COLUMNS[i]!;
    const v = row[i];
    ticket[c.key] = c.time && v !== null ? isoFromPgTimestamptz(v as string) : v;
  }
  let sla: Record<string, unknown> | null = null;
  if (row[FIRST_CLOCK] !== null) {
    sla = {};
    for (let i = 0; i < CLOCK_COLUMNS.length; i++) {
      const c = CLOCK_COLUMNS[i]!;
      const v = row[FIRST_CLOCK + 1 + i];
      sla[c.key] = c.time && v !== null ? isoFromPgTimestamptz(v as string) : v;
    }
  }
  const extras = FIRST_CLOCK + 1 + CLOCK_COLUMNS.length;
  ticket.sla = sla;
  ticket.tagNames = row[extras] as string[] | null;
  ticket.warningLeadMinutes = row[extras + 1] as number | null;
  return ticket as unknown as QueueTicketRow;
}

/**
 * Runs a queue statement on `conn` (the primary, the replica or a transaction) through drizzle's own
 * session — unnamed, as the query builder sends it — and decodes its rows.
 */
export function runQueueStatement(conn: DbOrTx, statement: SQL): Promise<QueueTicketRow[]>;
/** With the caller's own columns after the extras (queueSelection's `more`): `more(row, i)` reads them. */
export function runQueueStatement<M>(conn: DbOrTx, statement: SQL, more: (row: unknown[], first: number) => M): Promise<(QueueTicketRow & M)[]>;
export function runQueueStatement<M>(conn: DbOrTx, statement: SQL, more?: (row: unknown[], first: number) => M): Promise<(QueueTicketRow & M)[]> {
  const mapRow = more ? (row: unknown[]) => Object.assign(decode(row), more(row, FIRST_MORE)) : (row: unknown[]) => decode(row) as QueueTicketRow & M;
  return conn._.session
    .prepareQuery<{ execute: (QueueTicketRow & M)[]; all: unknown; values: unknown }>(dialect.sqlToQuery(statement), undefined, undefined, true, (rows) =>
      rows.map(mapRow),
    )
    .execute();
}
