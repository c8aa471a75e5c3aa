// npm run bench:generate — (re)builds the bench database: 100,000 tickets over five organizations of
// very different sizes, with users, teams, SLA policies and comments. Set-based SQL only; about 30-60 s.
import { hashPassword } from "better-auth/crypto";
import { runMigrations } from "../src/db/migrate";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BENCH_PASSWORD, BIG_ORG, ORGS, userEmail } from "./lib/config";
import { pool, recreateDatabase } from "./lib/database";
import { withIndexesDeferred } from "./lib/deferred-indexes";
import { seedComments } from "./lib/seed-comments";
import { seedPeople } from "./lib/seed-people";
import { seedTickets } from "./lib/seed-tickets";
import { SEARCH_TERMS } from "./lib/vocabulary";

const started = performance.now();
const lap = (label: string, since: number) => console.log(`  ${label.padEnd(34)} ${((performance.now() - since) / 1000).toFixed(1)} s`);
const safeUrl = BENCH_DATABASE_URL.replace(/\/\/[^@/]*@/, "//");

console.log(`Bench database: ${safeUrl} (dropped and recreated)`);
let t = performance.now();
await recreateDatabase(BENCH_DATABASE_URL);
await runMigrations(BENCH_DATABASE_URL);
lap("create + migrate", t);

const db = pool(BENCH_DATABASE_URL);
const client = await db.connect();
try {
  // A throwaway database: a crash mid-load simply means running the generator again.
  await client.query("set synchronous_commit = off");
  // Bulk loads are not news: the live event log (migration 0015) stays out of it for this session.
  await client.query("set helpdesk.live_events = 'off'");
  await client.query("set maintenance_work_mem = '256MB'");

  t = performance.now();
  await seedPeople(client, ORGS, await hashPassword(BENCH_PASSWORD));
  lap("organizations, users, teams, SLA", t);

  const nowMs = Date.now();
  let indexStart = 0;
  const rebuilt = await withIndexesDeferred(client, ["tickets", "comments"], async () => {
    for (const [index, org] of ORGS.entries()) {
      t = performance.now();
      await seedTickets(client, org, index + 1, nowMs);
      lap(`${org.tickets.toLocaleString("en")} tickets (${org.slug})`, t);
    }
    t = performance.now();
    const comments = await seedComments(client);
    lap(`${comments.toLocaleString("en")} comments`, t);
    indexStart = performance.now();
  });
  lap(`rebuild ${rebuilt.length} indexes`, indexStart);

  t = performance.now();
  await client.query("vacuum (analyze) tickets");
  await client.query("vacuum (analyze) comments");
  await client.query("analyze");
  lap("vacuum + analyze", t);

  const facts = await client.query<{ label: string; n: string }>(
    `with org as (select id from organizations where slug = $1),
          me as (select id from users where email = $2)
     select 'tickets' as label, count(*)::text as n from tickets where organization_id = (select id from org)
     union all select 'status=open', count(*)::text from tickets where organization_id = (select id from org) and status = 'open'
     union all select 'assignee=me (agent1)', count(*)::text from tickets where organization_id = (select id from org) and assignee_id = (select id from me)
     union all select 'q=' || $3, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $4)
     union all select 'q=' || $5, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $6)
     union all select 'q=' || $7, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $8)`,
    [
      BIG_ORG.slug,
      BENCH_AGENT_EMAIL,
      SEARCH_TERMS.common,
      `${SEARCH_TERMS.common}:*`,
      SEARCH_TERMS.rare,
      `${SEARCH_TERMS.rare}:*`,
      SEARCH_TERMS.twoWords,
      SEARCH_TERMS.twoWords
        .split(" ")
        .map((w) => `${w}:*`)
        .join(" & "),
    ],
  );
  console.log(`\nIn ${BIG_ORG.name} (the biggest organization):`);
  for (const row of facts.rows) console.log(`  ${row.label.padEnd(26)} ${Number(row.n).toLocaleString("en").padStart(7)} tickets`);
} finally {
  client.release();
  await db.end();
}

console.log(`\nGenerated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
console.log(`\nBench users (BENCH-ONLY password, set BENCH_PASSWORD to change it): ${BENCH_PASSWORD}`);
for (const org of ORGS) {
  const agents = Array.from({ length: org.agents }, (_, i) => `agent${i + 1}`);
  console.log(`  ${org.name}: ${userEmail("admin", org.slug)}, ${agents.map((a) => userEmail(a, org.slug)).join(", ")}`);
  console.log(`    requesters: ${userEmail("requester1", org.slug)} … ${userEmail(`requester${org.requesters}`, org.slug)}`);
}
console.log(`npm run bench signs in as ${BENCH_AGENT_EMAIL}.`);
