// Tickets and everything the app keeps beside a ticket, generated in memory (deterministic per
// organization) and streamed through COPY (lib/copy.ts): the ticket, its SLA clock (computed with the
// app's own SLA functions), its tags, its conversation, and the "ticket.created" event of its
// organization's audit chain, hashed exactly as the app hashes it, so `audit:verify` passes.
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { auditEventHash } from "../../src/db/audit-chain/hash";
import { AUDIT_GENESIS_HASH } from "../../src/db/schema/audit-events";
import { deadlinesFor, nextCheckAt, nextDueAt, pausesClock, runningDeadlines, startClock, type SlaTargets } from "../../src/domain/sla/sla-deadlines";
import { prng, type OrgSpec } from "./config";
import { isoTime, type CopyWriter } from "./copy";
import { commentText, ticketText } from "./ticket-text";
import { SHARE_TAGS } from "./vocabulary";

const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS = 730;
/** The SLA warning lead of an organization without SLA settings (DEFAULT_WARNING_LEAD_MINUTES). */
const WARNING_LEAD_MS = 60 * MINUTE;
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
];

type Status = "open" | "pending" | "on_hold" | "resolved" | "closed";
type Priority = "low" | "normal" | "high" | "urgent";

/** One COPY stream per table, all open for the whole load. */
export interface TicketStreams {
  tickets: CopyWriter;
  sla: CopyWriter;
  tags: CopyWriter;
  comments: CopyWriter;
  audit: CopyWriter;
}

export const STREAM_COLUMNS: Record<keyof TicketStreams, { table: string; columns: string[] }> = {
  tickets: {
    table: "tickets",
    columns: [
      "id",
      "organization_id",
      "number",
      "title",
      "description_md",
      "status",
      "priority",
      "requester_id",
      "assignee_id",
      "team_id",
      "first_response_due_at",
      "resolution_due_at",
      "first_responded_at",
      "resolved_at",
      "first_response_business_ms",
      "resolution_business_ms",
      "created_at",
      "updated_at",
      "sla_due_at",
    ],
  },
  sla: {
    table: "ticket_sla",
    columns: [
      "ticket_id",
      "organization_id",
      "started_at",
      "paused_since",
      "first_response_breached_at",
      "resolution_breached_at",
      "next_due_at",
      "next_check_at",
      "updated_at",
    ],
  },
  tags: { table: "ticket_tags", columns: ["ticket_id", "tag_id", "organization_id", "ticket_created_at"] },
  comments: { table: "comments", columns: ["id", "seq", "organization_id", "ticket_id", "author_id", "body_md", "internal", "created_at"] },
  audit: {
    table: "audit_events",
    columns: ["id", "organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash"],
  },
};

interface OrgPeople {
  orgId: string;
  staff: string[]; // agents first (agent1 = busiest), the admin last
  requesters: string[];
  teams: string[];
  sla: Map<Priority, SlaTargets>;
  tags: Map<string, string>;
}

async function loadPeople(client: pg.PoolClient, slug: string): Promise<OrgPeople> {
  const {
    rows: [org],
  } = await client.query<{ id: string }>("select id from organizations where slug = $1", [slug]);
  if (!org) throw new Error(`organization ${slug} missing`);
  const users = await client.query<{ id: string; role: string }>(
    // agent1, agent2, ... in numeric order, then the admin.
    `select id, role from users where organization_id = $1 order by role = 'admin', role, length(email), email`,
    [org.id],
  );
  const teams = await client.query<{ id: string }>("select id from teams where organization_id = $1 order by name", [org.id]);
  const sla = await client.query<{ priority: Priority; first_response_minutes: number; next_reply_minutes: number | null; resolution_minutes: number }>(
    "select priority, first_response_minutes, next_reply_minutes, resolution_minutes from sla_policies where organization_id = $1",
    [org.id],
  );
  const tags = await client.query<{ id: string; name: string }>("select id, name from tags where organization_id = $1", [org.id]);
  return {
    orgId: org.id,
    staff: users.rows.filter((u) => u.role !== "requester").map((u) => u.id),
    requesters: users.rows.filter((u) => u.role === "requester").map((u) => u.id),
    teams: teams.rows.map((t) => t.id),
    sla: new Map(
      sla.rows.map((s) => [
        s.priority,
        {
          firstResponseMinutes: s.first_response_minutes,
          nextReplyMinutes: s.next_reply_minutes,
          resolutionMinutes: s.resolution_minutes,
          pauseWhenPending: true,
        },
      ]),
    ),
    tags: new Map(tags.rows.map((t) => [t.name, t.id])),
  };
}

/** Older tickets are mostly closed; the last weeks hold the open queue. */
function statusFor(r: () => number, ageDays: number): Status {
  const x = r();
  const table: [Status, number][] =
    ageDays < 7
      ? [
          ["open", 0.45],
          ["pending", 0.65],
          ["on_hold", 0.75],
          ["resolved", 0.9],
          ["closed", 1],
        ]
      : ageDays < 60
        ? [
            ["open", 0.12],
            ["pending", 0.2],
            ["on_hold", 0.25],
            ["resolved", 0.5],
            ["closed", 1],
          ]
        : [
            ["open", 0.01],
            ["pending", 0.02],
            ["on_hold", 0.03],
            ["resolved", 0.15],
            ["closed", 1],
          ];
  return table.find(([, c]) => x < c)![0];
}

function priorityFor(r: () => number): Priority {
  const x = r();
  return x < 0.2 ? "low" : x < 0.75 ? "normal" : x < 0.93 ? "high" : "urgent";
}

/** Replies per ticket: finished tickets have a conversation (2-9), waiting ones some, open ones few. */
function commentCount(r: () => number, status: Status): number {
  if (status === "open") return Math.floor(r() * 4);
  if (status === "pending" || status === "on_hold") return 1 + Math.floor(r() * 6);
  return 2 + Math.floor(r() * 8);
}

type CreatedEvent = {
  organizationId: string;
  seq: number;
  actorId: string;
  action: "ticket.created";
  targetType: "ticket";
  targetId: string;
  data: {
    number: number;
    priority: string;
    requesterId: string;
    assigneeId: string | null;
    teamId: string | null;
    sla: { firstResponseDueAt: string; nextReplyDueAt: null; resolutionDueAt: string; pausedSince: null };
  };
  ip: string;
  userAgent: string;
  createdAt: Date;
  prevHash: string;
};

/**
 * auditEventHash() for this one event shape with the canonical JSON written out by hand (keys already
 * in sorted order): the generic canonicalJson() was a third of the generator's own CPU time. Every
 * organization's first event is also hashed by auditEventHash() and must match (seedTickets checks).
 */
function createdEventHash(e: CreatedEvent): string {
  const q = JSON.stringify;
  const d = e.data;
  const content =
    `{"action":"ticket.created","actorId":${q(e.actorId)},"createdAt":"${e.createdAt.toISOString()}",` +
    `"data":{"assigneeId":${q(d.assigneeId)},"number":${d.number},"priority":${q(d.priority)},"requesterId":${q(d.requesterId)},` +
    `"sla":{"firstResponseDueAt":"${d.sla.firstResponseDueAt}","nextReplyDueAt":null,"pausedSince":null,"resolutionDueAt":"${d.sla.resolutionDueAt}"},` +
    `"teamId":${q(d.teamId)}},"ip":${q(e.ip)},"organizationId":${q(e.organizationId)},"seq":${e.seq},"targetId":${q(e.targetId)},` +
    `"targetType":"ticket","userAgent":${q(e.userAgent)}}`;
  return createHash("sha256").update(content).update("\n").update(e.prevHash).digest("hex");
}

export interface SeedCounters {
  commentSeq: number;
  comments: number;
  tags: number;
}

export async function seedTickets(
  client: pg.PoolClient,
  out: TicketStreams,
  spec: OrgSpec,
  seed: number,
  nowMs: number,
  counters: SeedCounters,
): Promise<void> {
  const people = await loadPeople(client, spec.slug);
  const r = prng(seed);
  // More tickets recently than two years ago (density grows linearly towards now); numbers follow time.
  const ages = Array.from({ length: spec.tickets }, () => (1 - Math.sqrt(r())) * HISTORY_DAYS * DAY).sort((a, b) => b - a);
  const now = new Date(nowMs);
  let prevHash = AUDIT_GENESIS_HASH;
  let lastCreated = 0;

  for (const [i, age] of ages.entries()) {
    // Strictly increasing creation times (ms), so ticket numbers and the audit chain follow time.
    const created = Math.max(lastCreated + 1, Math.floor(nowMs - age - r() * MINUTE));
    lastCreated = created;
    const status = statusFor(r, age / DAY);
    const priority = priorityFor(r);
    const policy = people.sla.get(priority)!;
    const unassigned = status === "open" ? r() < 0.35 : r() < 0.03;
    // Skewed workload: agent1 is the busiest; the admin (last) takes a few.
    const assignee = unassigned ? null : r() < 0.05 ? people.staff.at(-1)! : people.staff[Math.floor(r() ** 1.6 * (people.staff.length - 1))]!;
    const team = assignee ? people.teams[Math.floor(r() * people.teams.length)]! : r() < 0.3 ? people.teams[0]! : null;
    const requester = people.requesters[Math.floor(r() ** 2 * people.requesters.length)]!;
    const firstResponded =
      status === "open" && r() < 0.6 ? null : Math.min(nowMs, created + Math.floor(r() * 2 * policy.firstResponseMinutes * MINUTE) + MINUTE);
    const resolved = status === "resolved" || status === "closed" ? Math.min(nowMs, created + Math.floor(r() * 10 * DAY) + 30 * MINUTE) : null;
    const updated = Math.max(created, resolved ?? 0, firstResponded ?? 0);
    const text = ticketText(r);
    const id = randomUUID();
    const createdAt = new Date(created);
    const firstDue = new Date(created + policy.firstResponseMinutes * MINUTE);
    const resolutionDue = new Date(created + policy.resolutionMinutes * MINUTE);

    // The clock as the app keeps it: paused while waiting or finished; a deadline that passed more than
    // the warning lead ago was recorded as breached by the scan (so it needs no check any more).
    const clock = { ...startClock(createdAt), pausedSince: pausesClock(status, policy) ? new Date(updated) : null };
    const deadlines = deadlinesFor(policy, clock);
    const progress = {
      status,
      firstRespondedAt: firstResponded === null ? null : new Date(firstResponded),
      resolvedAt: resolved === null ? null : new Date(resolved),
    };
    const unbreached = runningDeadlines(deadlines, clock, progress, { firstResponseBreachedAt: null, nextReplyBreachedAt: null, resolutionBreachedAt: null });
    const breachedAt = (kind: string) => {
      const d = unbreached.find((x) => x.kind === kind);
      return d && d.dueAt.getTime() < nowMs - WARNING_LEAD_MS ? d.dueAt : null;
    };
    const breaches = { firstResponseBreachedAt: breachedAt("first_response"), nextReplyBreachedAt: null, resolutionBreachedAt: breachedAt("resolution") };
    const running = runningDeadlines(deadlines, clock, progress, breaches);
    const dueAt = nextDueAt(running);
    await out.tickets.row([
      id,
      people.orgId,
      i + 1,
      text.title,
      text.descriptionMd,
      status,
      priority,
      requester,
      assignee,
      team,
      firstDue,
      resolutionDue,
      firstResponded === null ? null : new Date(firstResponded),
      resolved === null ? null : new Date(resolved),
      // Business time for reports (issue 13): the bench organizations are open around the clock.
      firstResponded === null ? null : firstResponded - created,
      resolved === null ? null : resolved - created,
      createdAt,
      new Date(updated),
      dueAt ?? "infinity", // what the ticket_sla trigger would copy (migration 0016)
    ]);

    await out.sla.row([
      id,
      people.orgId,
      createdAt,
      clock.pausedSince,
      breaches.firstResponseBreachedAt,
      breaches.resolutionBreachedAt,
      dueAt,
      nextCheckAt(running, WARNING_LEAD_MS, now, false),
      new Date(updated),
    ]);

    const tagNames = [text.topic.tag];
    if (text.product) tagNames.push(text.product);
    for (const t of Object.values(SHARE_TAGS)) if (r() < t.share) tagNames.push(t.name);
    for (const name of tagNames) await out.tags.row([id, people.tags.get(name)!, people.orgId, createdAt]);
    counters.tags += tagNames.length;

    // The conversation: the first staff reply at first_responded_at, then requester and staff taking
    // turns until the ticket was resolved (or now); about one staff reply in eight is an internal note.
    const comments = commentCount(r, status);
    const end = resolved ?? Math.max(updated, Math.min(nowMs, created + 3 * DAY));
    const staffAuthor = assignee ?? people.staff[Math.floor(r() * people.staff.length)]!;
    let at = firstResponded ?? created + MINUTE;
    const step = Math.max(MINUTE, Math.floor((end - at) / (comments + 1)));
    for (let k = 0; k < comments; k++) {
      const byStaff = firstResponded !== null ? k % 2 === 0 : k % 2 === 1;
      const internal = byStaff && r() < 0.125;
      await out.comments.row([
        randomUUID(),
        ++counters.commentSeq,
        people.orgId,
        id,
        byStaff ? staffAuthor : requester,
        commentText(r, text.topic, internal ? "internal" : byStaff ? "staff" : "requester"),
        internal,
        new Date(at),
      ]);
      at += step;
    }
    counters.comments += comments;

    // The organization's audit chain: one "ticket.created" per ticket, in creation order.
    const onBehalf = r() < 0.2;
    const event: CreatedEvent = {
      organizationId: people.orgId,
      seq: i + 1,
      actorId: onBehalf ? staffAuthor : requester,
      action: "ticket.created",
      targetType: "ticket",
      targetId: id,
      data: {
        number: i + 1,
        priority,
        requesterId: requester,
        assigneeId: assignee,
        teamId: team,
        sla: { firstResponseDueAt: isoTime(firstDue.getTime()), nextReplyDueAt: null, resolutionDueAt: isoTime(resolutionDue.getTime()), pausedSince: null },
      },
      ip: `198.51.100.${1 + Math.floor(r() * 250)}`,
      userAgent: USER_AGENTS[Math.floor(r() * USER_AGENTS.length)]!,
      createdAt,
      prevHash,
    };
    const hash = createdEventHash(event);
    if (i === 0 && hash !== auditEventHash(event)) throw new Error("createdEventHash() no longer matches auditEventHash(): update it");
    await out.audit.row([
      randomUUID(),
      event.organizationId,
      event.seq,
      event.actorId,
      event.action,
      event.targetType,
      event.targetId,
      JSON.stringify(event.data),
      event.ip,
      event.userAgent,
      createdAt,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
  await client.query("insert into audit_chain_heads (organization_id, last_seq, last_hash) values ($1, $2, $3)", [people.orgId, spec.tickets, prevHash]);
}
