// Turns tickets and comments into the export file (S18). Every file carries a watermark: who exported,
// when, which organization, and whether internal notes are in it. CSV cells that a spreadsheet would
// read as a formula are prefixed with an apostrophe (CSV injection). The watermark is a cell like any
// other (issue 9 item 12): names in it lose control characters, and the line is written by the same CSV
// writer, quoted and neutralised, so an organization or user name cannot start a line, a cell or a formula.
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

const CSV_COLUMNS = [
  "record",
  "ticket_number",
  "ticket_id",
  "title",
  "status",
  "priority",
  "requester_id",
  "assignee_id",
  "team_id",
  "created_at",
  "updated_at",
  "comment_id",
  "author_id",
  "internal",
  "body",
];

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
export function toCsv(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>, audience: TicketAudience): string {
  const rows: string[][] = [];
  for (const ticket of tickets) {
    const t = toTicketDto(ticket, audience);
    rows.push([
      "ticket",
      String(t.number),
      t.id,
      t.title,
      t.status,
      t.priority ?? "",
      t.requesterId,
      t.assigneeId ?? "",
      t.teamId ?? "",
      t.createdAt,
      t.updatedAt,
      "",
      "",
      "",
      t.descriptionMd,
    ]);
    for (const c of commentsByTicket.get(t.id) ?? []) {
      rows.push(["comment", String(t.number), t.id, "", "", "", "", "", "", c.createdAt.toISOString(), "", c.id, c.authorId, String(c.internal), c.bodyMd]);
    }
  }
  const body = stringify(
    rows.map((r) => r.map(neutralize)),
    { header: true, columns: CSV_COLUMNS },
  );
  // One quoted cell on the first line: commas or quotes in a name cannot open a second cell.
  const mark = stringify([[neutralize(watermarkLine(w))]], { quoted: true });
  return `${mark}${body}`;
}

export function toJson(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>, audience: TicketAudience): string {
  return JSON.stringify(
    {
      watermark: cleanWatermark(w),
      // The same shapes as the API returns, so an export reads like the API.
      tickets: tickets.map((t) => ({ ...toTicketDto(t, audience), comments: (commentsByTicket.get(t.id) ?? []).map(toCommentDto) })),
    },
    null,
    2,
  );
}
