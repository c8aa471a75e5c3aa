// Turns tickets and comments into the export file (S18). Every file carries a watermark: who exported,
// when, which organization, and whether internal notes are in it. CSV cells that a spreadsheet would
// read as a formula are prefixed with an apostrophe (CSV injection). The watermark is a cell like any
// other (issue 9 item 12): names in it lose control characters, and the line is written by the same CSV
// writer, quoted and neutralised, so an organization or user name cannot start a line, a cell or a formula.
// Issue 13: the CSV's first line is its header, so a spreadsheet imports it as a table; the watermark is
// the first row (record "watermark", its text in the body column). People and teams are named (and
// people's e-mail given) beside their ids.
import { stringify } from "csv-stringify/sync";
import type { TicketAudience } from "@/auth/ticket-audience";
import type { Comment, Ticket } from "@/db/schema";
import { toCommentDto } from "@/domain/comments/comment-dto";
import { toTicketDto } from "@/domain/tickets/ticket-dto";

export interface Watermark {
  exportId: string;
  organization: { id: string; name: string };
  exportedBy: { id: string; name: string };
  exportedAt: string;
  range: { from: string; to: string };
  includesInternalNotes: boolean;
}

/** Names for the ids an export holds, from the exporter's own organization. */
export interface ExportNames {
  people: Map<string, { name: string; email: string }>;
  teams: Map<string, string>;
}

export const CSV_COLUMNS = [
  "record",
  "ticket_number",
  "ticket_id",
  "title",
  "status",
  "priority",
  "requester_id",
  "requester_name",
  "requester_email",
  "assignee_id",
  "assignee_name",
  "team_id",
  "team_name",
  "created_at",
  "updated_at",
  "comment_id",
  "author_id",
  "author_name",
  "internal",
  "body",
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const csvCells = (row: CsvRow) => CSV_COLUMNS.map((c) => row[c] ?? "");

// A formula starts with = + - @ (or their full-width forms), possibly after spaces some spreadsheets skip;
// a leading tab, CR or LF can also turn the rest into a formula in some importers (OWASP CSV injection).
const FORMULA_START = /^(?:[\t\r\n]|[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

export function neutralize(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Names stored before control characters were refused (or written through another door) lose them here. */
export function watermarkText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}

/** The watermark with every name made single-line; both formats carry this one. */
export function cleanWatermark(w: Watermark): Watermark {
  return {
    ...w,
    organization: { ...w.organization, name: watermarkText(w.organization.name) },
    exportedBy: { ...w.exportedBy, name: watermarkText(w.exportedBy.name) },
  };
}

export function watermarkLine(w: Watermark): string {
  const c = cleanWatermark(w);
  return `# Helpdesk export ${c.exportId} of "${c.organization.name}" (${c.organization.id}) by ${c.exportedBy.name} (${c.exportedBy.id}) at ${c.exportedAt}; tickets created ${c.range.from} to ${c.range.to}; internal notes ${c.includesInternalNotes ? "INCLUDED" : "excluded"}. Confidential.`;
}

/**
 * Tickets are written as the exporter's audience sees them (toTicketDto, F6): exports are staff work, but
 * the exporter's role is read again when the job runs, and a since-demoted exporter gets no triage columns.
 */
export function toCsv(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>, audience: TicketAudience, names: ExportNames): string {
  // Names and e-mails are single-line cells like the watermark (a stored name cannot start a line).
  const person = (id: string | null | undefined) => {
    const p = id ? names.people.get(id) : undefined;
    return p ? { name: watermarkText(p.name), email: watermarkText(p.email) } : undefined;
  };
  const rows: string[][] = [csvCells({ record: "watermark", ticket_id: w.exportId, body: watermarkLine(w) })];
  for (const ticket of tickets) {
    const t = toTicketDto(ticket, audience);
    rows.push(
      csvCells({
        record: "ticket",
        ticket_number: String(t.number),
        ticket_id: t.id,
        title: t.title,
        status: t.status,
        priority: t.priority ?? "",
        requester_id: t.requesterId,
        requester_name: person(t.requesterId)?.name,
        requester_email: person(t.requesterId)?.email,
        assignee_id: t.assigneeId ?? "",
        assignee_name: person(t.assigneeId)?.name,
        team_id: t.teamId ?? "",
        team_name: watermarkText((t.teamId && names.teams.get(t.teamId)) || ""),
        created_at: t.createdAt,
        updated_at: t.updatedAt,
        body: t.descriptionMd,
      }),
    );
    for (const c of commentsByTicket.get(t.id) ?? []) {
      rows.push(
        csvCells({
          record: "comment",
          ticket_number: String(t.number),
          ticket_id: t.id,
          created_at: c.createdAt.toISOString(),
          comment_id: c.id,
          author_id: c.authorId,
          author_name: person(c.authorId)?.name,
          internal: String(c.internal),
          body: c.bodyMd,
        }),
      );
    }
  }
  return stringify(
    rows.map((r) => r.map(neutralize)),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

export function toJson(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>, audience: TicketAudience, names: ExportNames): string {
  return JSON.stringify(
    {
      watermark: cleanWatermark(w),
      // The same shapes as the API returns, so an export reads like the API; the names beside them.
      tickets: tickets.map((t) => ({ ...toTicketDto(t, audience), comments: (commentsByTicket.get(t.id) ?? []).map(toCommentDto) })),
      people: Object.fromEntries(names.people),
      teams: Object.fromEntries(names.teams),
    },
    null,
    2,
  );
}
