// Tickets: generated in memory (deterministic), inserted in batches of a few thousand rows through
// unnest(array parameters) — about twenty statements for 100,000 tickets instead of 100,000 round trips.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { prng, type OrgSpec } from "./config";
import { ticketText } from "./ticket-text";

const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS = 730;
const BATCH = 5_000;

type Status = "open" | "pending" | "on_hold" | "resolved" | "closed";
type Priority = "low" | "normal" | "high" | "urgent";

interface OrgPeople {
  orgId: string;
  staff: string[]; // agents first (agent1 = busiest), the admin last
  requesters: string[];
  teams: string[];
  sla: Map<Priority, { firstResponse: number; resolution: number }>;
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
  const sla = await client.query<{ priority: Priority; first_response_minutes: number; resolution_minutes: number }>(
    "select priority, first_response_minutes, resolution_minutes from sla_policies where organization_id = $1",
    [org.id],
  );
  return {
    orgId: org.id,
    staff: users.rows.filter((u) => u.role !== "requester").map((u) => u.id),
    requesters: users.rows.filter((u) => u.role === "requester").map((u) => u.id),
    teams: teams.rows.map((t) => t.id),
    sla: new Map(sla.rows.map((s) => [s.priority, { firstResponse: s.first_response_minutes, resolution: s.resolution_minutes }])),
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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function seedTickets(client: pg.PoolClient, spec: OrgSpec, seed: number, nowMs: number): Promise<void> {
  const people = await loadPeople(client, spec.slug);
  const r = prng(seed);
  // More tickets recently than two years ago (density grows linearly towards now); numbers follow time.
  const ages = Array.from({ length: spec.tickets }, () => (1 - Math.sqrt(r())) * HISTORY_DAYS * DAY).sort((a, b) => b - a);

  const columns = {
    id: [] as string[],
    number: [] as number[],
    title: [] as string[],
    description: [] as string[],
    status: [] as Status[],
    priority: [] as Priority[],
    requester: [] as string[],
    assignee: [] as (string | null)[],
    team: [] as (string | null)[],
    firstDue: [] as (string | null)[],
    resolutionDue: [] as (string | null)[],
    firstResponded: [] as (string | null)[],
    resolved: [] as (string | null)[],
    created: [] as string[],
    updated: [] as string[],
  };
  const flush = async () => {
    if (columns.id.length === 0) return;
    await client.query(
      `insert into tickets (id, organization_id, number, title, description_md, status, priority, requester_id, assignee_id, team_id,
         first_response_due_at, resolution_due_at, first_responded_at, resolved_at, created_at, updated_at)
       select id, $1, number, title, description, status, priority, requester, assignee, team, first_due, resolution_due,
              first_responded, resolved, created, updated
       from unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::ticket_status[], $7::ticket_priority[], $8::text[], $9::text[],
                   $10::uuid[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[])
         as t(id, number, title, description, status, priority, requester, assignee, team, first_due, resolution_due, first_responded, resolved, created, updated)`,
      [people.orgId, ...Object.values(columns)],
    );
    for (const list of Object.values(columns)) list.length = 0;
  };

  for (const [i, age] of ages.entries()) {
    const created = nowMs - age - Math.floor(r() * MINUTE);
    const status = statusFor(r, age / DAY);
    const priority = priorityFor(r);
    const sla = people.sla.get(priority)!;
    const unassigned = status === "open" ? r() < 0.35 : r() < 0.03;
    // Skewed workload: agent1 is the busiest; the admin (last) takes a few.
    const assignee = unassigned ? null : r() < 0.05 ? people.staff.at(-1)! : people.staff[Math.floor(r() ** 1.6 * (people.staff.length - 1))]!;
    const team = assignee ? people.teams[Math.floor(r() * people.teams.length)]! : r() < 0.3 ? people.teams[0]! : null;
    const requester = people.requesters[Math.floor(r() ** 2 * people.requesters.length)]!;
    const firstResponded = status === "open" && r() < 0.6 ? null : Math.min(nowMs, created + Math.floor(r() * 2 * sla.firstResponse * MINUTE) + MINUTE);
    const resolved = status === "resolved" || status === "closed" ? Math.min(nowMs, created + Math.floor(r() * 10 * DAY) + 30 * MINUTE) : null;
    const text = ticketText(r);
    columns.id.push(randomUUID());
    columns.number.push(i + 1);
    columns.title.push(text.title);
    columns.description.push(text.descriptionMd);
    columns.status.push(status);
    columns.priority.push(priority);
    columns.requester.push(requester);
    columns.assignee.push(assignee);
    columns.team.push(team);
    columns.firstDue.push(iso(created + sla.firstResponse * MINUTE));
    columns.resolutionDue.push(iso(created + sla.resolution * MINUTE));
    columns.firstResponded.push(iso(firstResponded));
    columns.resolved.push(iso(resolved));
    columns.created.push(iso(created)!);
    columns.updated.push(iso(Math.max(created, resolved ?? 0, firstResponded ?? 0))!);
    if (columns.id.length >= BATCH) await flush();
  }
  await flush();
}
