// Organizations, users (one admin, agents, many requesters), credential accounts, teams, team members,
// SLA policies and tags, all set-based: a handful of statements whatever the sizes.
import type pg from "pg";
import { FIRST_NAMES, LAST_NAMES, RARE_WORDS, SHARE_TAGS, TOPICS } from "./vocabulary";
import { TEAMS, type OrgSpec } from "./config";

export async function seedPeople(client: pg.PoolClient, orgs: OrgSpec[], passwordHash: string): Promise<void> {
  await client.query(
    `insert into organizations (name, slug, ticket_counter)
     select * from unnest($1::text[], $2::text[], $3::int[])`,
    [orgs.map((o) => o.name), orgs.map((o) => o.slug), orgs.map((o) => o.tickets)],
  );

  // admin@<slug>.bench.test, agent1..N@, requester1..N@ — names cycle through two word lists.
  await client.query(
    `insert into users (id, name, email, role, organization_id, email_verified, created_at)
     select gen_random_uuid()::text,
            ($4::text[])[1 + (g * 7 + ord) % cardinality($4::text[])] || ' ' || ($5::text[])[1 + (g * 13 + ord * 3) % cardinality($5::text[])],
            case when r.role = 'admin' then 'admin' else r.role::text || g end || '@' || o.slug || '.bench.test',
            r.role, o.id, true, now() - interval '800 days'
     from organizations o
     join unnest($1::text[], $2::int[], $3::int[]) with ordinality as s(slug, agents, requesters, ord) on s.slug = o.slug
     cross join lateral (values ('admin'::user_role, 1), ('agent'::user_role, s.agents), ('requester'::user_role, s.requesters)) as r(role, n)
     cross join lateral generate_series(1, r.n) as g`,
    [orgs.map((o) => o.slug), orgs.map((o) => o.agents), orgs.map((o) => o.requesters), FIRST_NAMES, LAST_NAMES],
  );

  // Same Better Auth "credential" account shape as the demo seed; one hash reused for every user.
  await client.query(
    `insert into accounts (id, account_id, provider_id, user_id, password)
     select gen_random_uuid()::text, id, 'credential', id, $1 from users`,
    [passwordHash],
  );

  await client.query(`insert into teams (organization_id, name) select o.id, t.name from organizations o cross join unnest($1::text[]) as t(name)`, [
    [...TEAMS],
  ]);
  // Agents spread round-robin over the teams; the admin sits in every team.
  await client.query(
    `insert into team_members (team_id, user_id, organization_id)
     select t.id, u.id, u.organization_id
     from (select id, organization_id, role, row_number() over (partition by organization_id order by email) as k from users where role in ('admin', 'agent')) u
     join (select id, organization_id, row_number() over (partition by organization_id order by name) as k from teams) t
       on t.organization_id = u.organization_id and (u.role = 'admin' or (u.k - 1) % $1 = t.k - 1)`,
    [TEAMS.length],
  );

  await client.query(
    `insert into sla_policies (organization_id, priority, first_response_minutes, next_reply_minutes, resolution_minutes)
     select o.id, p.priority, p.first_response, p.next_reply, p.resolution
     from organizations o cross join (values ('urgent'::ticket_priority, 30, 30, 240), ('high', 120, 120, 1440), ('normal', 480, 480, 4320), ('low', 1440, null, 10080))
       as p(priority, first_response, next_reply, resolution)`,
  );

  // Every organization has the same tag names: topics, products, and the three of controlled share.
  const tagNames = [...TOPICS.map((t) => t.tag), ...RARE_WORDS, ...Object.values(SHARE_TAGS).map((t) => t.name)];
  await client.query(
    `insert into tags (organization_id, name, created_at) select o.id, n, now() - interval '800 days' from organizations o cross join unnest($1::text[]) as n`,
    [tagNames],
  );
}
