// The development seed (D10). It creates whole organizations, so it works outside the tenant scope by
// design (hence unsafe-*): it never runs in production (see scripts/seed.ts) and only inserts.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "@/auth/password-hashing";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { appendAuditEvent } from "../audit-chain/append";
import * as schema from "../schema";
import type { TRole, TTicketPriority, TTicketStatus } from "../schema/enums";
import { DEMO_ORGS, DEMO_TICKETS, DEMO_USERS, demoEmail } from "./demo-content";

const SLA_TARGETS: Record<TTicketPriority, { firstResponseMinutes: number; resolutionMinutes: number }> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
  high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 24 * 60 },
  normal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 3 * 24 * 60 },
  low: { firstResponseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
};

/** Deterministic pseudo-random numbers so the demo looks the same on every machine. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

export async function isDatabaseEmpty(databaseUrl: string): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ n: string }>("select count(*)::text as n from organizations");
    return rows[0]?.n === "0";
  } finally {
    await pool.end();
  }
}

/**
 * The SLA rule the seeded tickets' due dates come from. The caller passes the domain's computeSlaDeadlines
 * (scripts/seed.ts): db/ never imports domain/ (issue 10), and the seed must not keep a second copy of it.
 */
export type SeedSlaDeadlines = (
  targets: { firstResponseMinutes: number; resolutionMinutes: number },
  openedAt: Date,
) => { firstResponseDueAt: Date | null; resolutionDueAt: Date | null };

export async function seedDemo(
  databaseUrl: string,
  password: string,
  computeSlaDeadlines: SeedSlaDeadlines,
  at: Date = new Date(),
): Promise<{ emails: string[] }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const emails: string[] = [];
  try {
    const db = drizzle(pool, { schema });
    await db.transaction(async (tx) => {
      for (const [orgIndex, org] of DEMO_ORGS.entries()) {
        const random = prng(orgIndex + 7);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

        const [organization] = await tx.insert(schema.organizations).values({ name: org.name, slug: org.slug, ticketCounter: DEMO_TICKETS.length }).returning();
        const orgId = organization!.id;

        const people: Record<string, { id: string; role: TRole }> = {};
        for (const u of DEMO_USERS) {
          const id = randomUUID();
          const email = demoEmail(u.local, org.slug);
          emails.push(email);
          people[u.local] = { id, role: u.role };
          await tx.insert(schema.users).values({ id, email, name: u.name, role: u.role, organizationId: orgId, emailVerified: true });
          await tx
            .insert(schema.accounts)
            .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(password) });
        }

        const [support] = await tx.insert(schema.teams).values({ organizationId: orgId, name: "Support" }).returning();
        const [billing] = await tx.insert(schema.teams).values({ organizationId: orgId, name: "Billing" }).returning();
        await tx.insert(schema.teamMembers).values([
          { teamId: support!.id, userId: people.agent!.id, organizationId: orgId },
          { teamId: support!.id, userId: people.agent2!.id, organizationId: orgId },
          { teamId: billing!.id, userId: people.admin!.id, organizationId: orgId },
        ]);

        for (const [priority, targets] of Object.entries(SLA_TARGETS)) {
          await tx.insert(schema.slaPolicies).values({ organizationId: orgId, priority: priority as TTicketPriority, ...targets });
        }

        const statuses: TTicketStatus[] = ["open", "open", "open", "pending", "on_hold", "resolved", "closed"];
        const priorities: TTicketPriority[] = ["low", "normal", "normal", "normal", "high", "urgent"];
        for (const [i, demo] of DEMO_TICKETS.entries()) {
          const createdAt = new Date(at.getTime() - Math.floor(random() * 45 * 24 * 60) * 60_000 - (DEMO_TICKETS.length - i) * 3_600_000);
          const status = pick(statuses);
          const priority = pick(priorities);
          const requester = random() < 0.7 ? people.requester! : people.requester2!;
          const assignee = status === "open" && random() < 0.3 ? null : pick([people.agent!, people.agent2!, people.admin!]);
          const ticketId = randomUUID();
          const replyTimes = demo.replies.map((_, k) => new Date(createdAt.getTime() + (k + 1) * 47 * 60_000));
          const done = status === "resolved" || status === "closed";
          await tx.insert(schema.tickets).values({
            id: ticketId,
            organizationId: orgId,
            number: i + 1,
            title: demo.title,
            descriptionMd: demo.descriptionMd,
            status,
            priority,
            requesterId: requester.id,
            assigneeId: assignee?.id ?? null,
            teamId: assignee ? (demo.title.match(/invoice|refund|charge|plan/i) ? billing!.id : support!.id) : null,
            ...computeSlaDeadlines(SLA_TARGETS[priority], createdAt),
            firstRespondedAt: replyTimes[0] ?? null,
            resolvedAt: done ? (replyTimes[replyTimes.length - 1] ?? createdAt) : null,
            createdAt,
            updatedAt: replyTimes[replyTimes.length - 1] ?? createdAt,
          });
          const staffAuthor = assignee ?? people.agent!;
          for (const [k, body] of demo.replies.entries()) {
            // Replies alternate: staff answers first, then the requester.
            const author = k % 2 === 0 ? staffAuthor : requester;
            await tx
              .insert(schema.comments)
              .values({ organizationId: orgId, ticketId, authorId: author.id, bodyMd: body, internal: false, createdAt: replyTimes[k]! });
          }
          if (demo.note) {
            await tx.insert(schema.comments).values({
              organizationId: orgId,
              ticketId,
              authorId: staffAuthor.id,
              bodyMd: `Internal: ${demo.note}`,
              internal: true,
              createdAt: new Date(createdAt.getTime() + 20 * 60_000),
            });
          }
          // Issue 13: each demo resolution asked "How did we do?" (a link nobody holds: only a hash of random
          // bytes), and most were answered, so the ticket page and reports have something to show.
          if (done) {
            const resolvedAt = replyTimes[replyTimes.length - 1] ?? createdAt;
            const teamId = assignee ? (demo.title.match(/invoice|refund|charge|plan/i) ? billing!.id : support!.id) : null;
            const answered = random() < 0.7 ? new Date(resolvedAt.getTime() + Math.floor(random() * 48 * 60) * 60_000) : null;
            const [request] = await tx
              .insert(schema.satisfactionRequests)
              .values({
                organizationId: orgId,
                ticketId,
                resolution: 1,
                requesterId: requester.id,
                assigneeId: assignee?.id ?? null,
                teamId,
                priority,
                tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
                resolvedAt,
                expiresAt: new Date(resolvedAt.getTime() + 14 * 24 * 3_600_000),
                answeredAt: answered,
              })
              .returning();
            if (answered) {
              const good = random() < 0.8;
              await tx.insert(schema.satisfactionRatings).values({
                organizationId: orgId,
                requestId: request!.id,
                ticketId,
                resolution: 1,
                rating: good ? "good" : "bad",
                comment: good ? null : "It took a while to hear back.",
                requesterId: requester.id,
                assigneeId: assignee?.id ?? null,
                teamId,
                priority,
                resolvedAt,
                answeredAt: answered,
              });
            }
          }
          // Through the chain writer like every audit event; the time is when the seed ran.
          await appendAuditEvent(tx, {
            organizationId: orgId,
            actorId: requester.id,
            action: "ticket.created",
            targetType: "ticket",
            targetId: ticketId,
            data: { number: i + 1, priority, seeded: true },
          });
        }
      }
    });
  } finally {
    await pool.end();
  }
  return { emails };
}
