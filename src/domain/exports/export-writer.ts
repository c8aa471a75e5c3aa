// Turns tickets and comments into the export file (S18). Every file carries a watermark: who exported,
// when, which organization, and whether internal notes are in it. CSV cells that a spreadsheet would
// read as a formula are prefixed with an apostrophe (CSV injection).
import { stringify } from "csv-stringify/sync";
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

const CSV_COLUMNS = ["record", "ticket_number", "ticket_id", "title", "status", "priority", "requester_id", "assignee_id", "team_id", "created_at", "updated_at", "comment_id", "author_id", "internal", "body"];

function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function watermarkLine(w: Watermark): string {
  return `# Helpdesk export ${w.exportId} of "${w.organization.name}" (${w.organization.id}) by ${w.exportedBy.name} (${w.exportedBy.id}) at ${w.exportedAt}; tickets created ${w.range.from} to ${w.range.to}; internal notes ${w.includesInternalNotes ? "INCLUDED" : "excluded"}. Confidential.`;
}

export function toCsv(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>): string {
  const rows: string[][] = [];
  for (const t of tickets) {
    rows.push(["ticket", String(t.number), t.id, t.title, t.status, t.priority, t.requesterId, t.assigneeId ?? "", t.teamId ?? "", t.createdAt.toISOString(), t.updatedAt.toISOString(), "", "", "", t.descriptionMd]);
    for (const c of commentsByTicket.get(t.id) ?? []) {
      rows.push(["comment", String(t.number), t.id, "", "", "", "", "", "", c.createdAt.toISOString(), "", c.id, c.authorId, String(c.internal), c.bodyMd]);
    }
  }
  const body = stringify(rows.map((r) => r.map(neutralize)), { header: true, columns: CSV_COLUMNS });
  return `${watermarkLine(w)}\n${body}`;
}

export function toJson(w: Watermark, tickets: Ticket[], commentsByTicket: Map<string, Comment[]>): string {
  return JSON.stringify(
    {
      watermark: w,
      // The same shapes as the API returns, so an export reads like the API.
      tickets: tickets.map((t) => ({ ...toTicketDto(t), comments: (commentsByTicket.get(t.id) ?? []).map(toCommentDto) })),
    },
    null,
    2,
  );
}
