// The export job (S18): takes queued exports one by one and writes each file with the requester's CURRENT
// rights (a user demoted since asking gets what their role now allows; a deactivated one gets nothing).
import { can, type Actor } from "@/auth/actor";
import { actorForUser } from "@/auth/system-actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { tickets, type Comment, type Ticket } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { createdBetween } from "@/db/scoped/exports";
import { unsafeClaimNextQueuedExport } from "@/db/unsafe-export-queue";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { newStorageKey, storage } from "@/lib/storage";
import { toTicketDto } from "@/domain/tickets/ticket-dto";
import { toCsv, toJson, type ExportNames, type Watermark } from "./export-writer";
import { safeErrorSummary } from "@/lib/log-safe";

const PAGE = 500;

/** Names and e-mails of the people and teams the export's rows show (as the exporter's audience sees them). */
async function namesFor(actor: Actor, rows: Ticket[], comments: Comment[], audience: ReturnType<typeof ticketAudience>): Promise<ExportNames> {
  const ids = new Set<string>();
  for (const t of rows) {
    const dto = toTicketDto(t, audience);
    ids.add(dto.requesterId);
    if (dto.assigneeId) ids.add(dto.assigneeId);
  }
  for (const c of comments) ids.add(c.authorId);
  const s = scoped(actor);
  // In chunks: a query carries at most 65,535 parameters, and a big export names more people than that.
  const all = [...ids];
  const people: Awaited<ReturnType<typeof s.users.findMany>> = [];
  for (let i = 0; i < all.length; i += 5000) people.push(...(await s.users.findMany(all.slice(i, i + 5000))));
  const teams = await s.teams.list();
  const teamIds = new Set(rows.map((t) => toTicketDto(t, audience).teamId).filter((id): id is string => Boolean(id)));
  return {
    people: new Map(people.map((p) => [p.id, { name: p.name, email: p.email }])),
    teams: new Map(teams.filter((t) => teamIds.has(t.id)).map((t) => [t.id, t.name])),
  };
}

async function allTickets(actor: Actor, from: Date, to: Date): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let cursor: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const page = await scoped(actor).tickets.list(createdBetween(tickets.createdAt, from, to), { cursor, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    const last = page[page.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

/** Runs every queued export; returns how many were processed. */
export async function runQueuedExports(): Promise<number> {
  let processed = 0;
  for (;;) {
    const job = await unsafeClaimNextQueuedExport();
    if (!job) return processed;
    processed += 1;
    const { exportRow, requester, orgName } = job;
    const actor: Actor = actorForUser(requester, exportRow.organizationId);
    const s = scoped(actor);
    try {
      if (!requester.active) throw new Error("the requesting user is no longer active");
      const rows = await allTickets(actor, exportRow.fromDate, exportRow.toDate);
      const comments = await s.exports.commentsOf(
        rows.map((t) => t.id),
        exportRow.includeInternal,
      );
      const byTicket = new Map<string, Comment[]>();
      for (const c of comments) byTicket.set(c.ticketId, [...(byTicket.get(c.ticketId) ?? []), c]);
      const watermark: Watermark = {
        exportId: exportRow.id,
        organization: { id: exportRow.organizationId, name: orgName },
        exportedBy: { id: requester.id, name: requester.name },
        exportedAt: now().toISOString(),
        range: { from: exportRow.fromDate.toISOString(), to: exportRow.toDate.toISOString() },
        includesInternalNotes: exportRow.includeInternal && can(actor, "comments.read.internal"),
      };
      const audience = ticketAudience(actor);
      const names = await namesFor(actor, rows, comments, audience);
      const body = exportRow.format === "csv" ? toCsv(watermark, rows, byTicket, audience, names) : toJson(watermark, rows, byTicket, audience, names);
      const key = newStorageKey();
      await storage().put("exports", key, Buffer.from(body, "utf8"));
      if (!(await s.exports.finish(exportRow.id, { status: "done", storageKey: key, ticketCount: rows.length, finishedAt: now() }))) {
        // Stopped while it ran (an erasure or retention run): the file holds what was removed since.
        await storage().delete("exports", key);
        logger.warn({ event: "export.stopped", exportId: exportRow.id }, "export stopped while it ran; its file was deleted");
        continue;
      }
      await s.audit.record({
        action: "export.completed",
        targetType: "export",
        targetId: exportRow.id,
        data: { tickets: rows.length, comments: comments.length },
      });
    } catch (err) {
      logger.error({ event: "export.failed", exportId: exportRow.id, err: safeErrorSummary(err) }, "export failed");
      await s.exports.finish(exportRow.id, { status: "failed", error: (err as Error).message.slice(0, 500), finishedAt: now() });
      await s.audit.record({ action: "export.failed", targetType: "export", targetId: exportRow.id, data: { error: (err as Error).message.slice(0, 200) } });
    }
  }
}
