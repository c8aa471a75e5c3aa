// `npm run bench:create` (issue 15): tickets created per second in ONE organization, where every create
// takes two per-organization row locks until it commits — the ticket counter and the audit chain head.
// In one run, three times each (median and spread):
//   app, one org        — BENCH_CREATE_CLIENTS concurrent callers of the app's own createTicket() in-process;
//   app, org per client — the same code, each caller in its own organization (no shared lock: the ceiling);
//   SQL floor, one org  — the same writes as bare node-postgres statements (counter, ticket, clock, audit
//                         event), committed as the app does (asynchronously, then the commit barrier) and
//                         synchronously (the locks held while the disk flushes: the limit before issue 15).
// Beside each: the time spent in the two lock-taking statements, the share of sampled backends waiting on
// a lock (pg_stat_activity), how long the lock is held (first lock to COMMIT), and the chain verified after.
// Uses a throwaway database (dropped at the end).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { canonicalParts } from "../src/db/audit-chain/hash";
import { throwawayDatabase } from "./lib/database";
import { formatSummary, loadNote, summarise } from "./lib/runs";

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = Number(process.env.BENCH_CREATE_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_CREATE_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Org = { id: string; agentId: string; requesterId: string };

async function seed(c: pg.Client, count: number): Promise<Org[]> {
  await c.query(`insert into organizations (name, slug) select 'Org ' || g, 'org-' || g from generate_series(1, ${count}) g`);
  await c.query(`insert into users (id, name, email, role, organization_id, email_verified)
    select gen_random_uuid()::text, r.role || ' ' || o.slug, r.role || '@' || o.slug || '.bench.test', r.role::user_role, o.id, true
    from organizations o cross join (values ('agent'), ('requester')) r(role)`);
  await c.query(`insert into sla_policies (organization_id, priority, first_response_minutes, next_reply_minutes, resolution_minutes)
    select o.id, p.priority, p.fr, p.nr, p.res from organizations o
    cross join (values ('urgent'::ticket_priority, 30, 30, 240), ('high', 120, 120, 1440), ('normal', 480, 480, 4320), ('low', 1440, null, 10080)) p(priority, fr, nr, res)`);
  const { rows } = await c.query<{ id: string; agent: string; requester: string }>(`
    select o.id, max(u.id) filter (where u.role = 'agent') as agent, max(u.id) filter (where u.role = 'requester') as requester
    from organizations o join users u on u.organization_id = o.id group by o.id, o.slug order by o.slug`);
  return rows.map((r) => ({ id: r.id, agentId: r.agent, requesterId: r.requester }));
}

/** Per-statement timing on every pooled client: the two lock-taking statements and how long the lock is held. */
class LockTimer {
  waitMs = 0;
  waits = 0;
  heldMs = 0;
  held = 0;
  private lockedAt = new WeakMap<object, number>();

  attach(pool: pg.Pool): void {
    pool.on("connect", (client) => {
      const original = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const first = args[0] as { text?: string } | string;
        const text = typeof first === "string" ? first : (first?.text ?? "");
        const takesLock = /audit_append_batch|"ticket_counter" = |ticket_counter = ticket_counter/.test(text);
        const ends = /^\s*(commit|rollback)\b/i.test(text);
        const started = performance.now();
        const result = original(...args);
        if ((takesLock || ends) && result && typeof (result as Promise<unknown>).then === "function") {
          void (result as Promise<unknown>).then(
            () => this.record(client, takesLock, ends, started),
            () => this.record(client, takesLock, ends, started),
          );
        }
        return result;
      };
    });
  }

  private record(client: object, takesLock: boolean, ends: boolean, started: number): void {
    const end = performance.now();
    if (takesLock) {
      this.waitMs += end - started;
      this.waits++;
      // Held from the moment the first lock is granted (its statement returns) until COMMIT returns.
      if (!this.lockedAt.has(client)) this.lockedAt.set(client, end);
    }
    if (ends) {
      const at = this.lockedAt.get(client);
      if (at !== undefined) {
        this.heldMs += end - at;
        this.held++;
        this.lockedAt.delete(client);
      }
    }
  }

  reset(): void {
    this.waitMs = this.waits = this.heldMs = this.held = 0;
  }
}

/** Samples pg_stat_activity every 10 ms: of the active backends of the bench database, how many wait on a lock. */
function sampleLockWaits(admin: pg.Client, database: string) {
  let samples = 0;
  let active = 0;
  let waiting = 0;
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const { rows } = await admin.query<{ active: number; waiting: number }>(
        `select count(*) filter (where state = 'active')::int as active,
                count(*) filter (where state = 'active' and wait_event_type = 'Lock')::int as waiting
         from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [database],
      );
      samples++;
      active += rows[0]!.active;
      waiting += rows[0]!.waiting;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => {
    stop = true;
    await done;
    return { meanActive: active / Math.max(1, samples), meanWaiting: waiting / Math.max(1, samples) };
  };
}

/** `clients` loops calling `once(i)` until `seconds` have passed; creates per second. */
async function drive(clients: number, seconds: number, once: (client: number) => Promise<void>): Promise<{ count: number; perSec: number }> {
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (performance.now() < deadline) {
        await once(i);
        count++;
      }
    }),
  );
  return { count, perSec: count / ((performance.now() - started) / 1000) };
}

async function main() {
  const database = await throwawayDatabase(ADMIN_URL, "helpdesk_bench_create");
  const { admin } = database;
  try {
    const seedClient = new (await import("pg")).default.Client({ connectionString: database.url });
    await seedClient.connect();
    const orgs = await seed(seedClient, CLIENTS + 1);
    await seedClient.end();
    const single = orgs[0]!;
    const spread = orgs.slice(1);

    process.env.DATABASE_URL = database.url;
    process.env.APP_ENV = "development";
    process.env.APP_URL ??= "http://localhost:3000";
    process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
    process.env.LOG_LEVEL = "error";
    process.env.DB_POOL_MAX = String(CLIENTS);
    delete process.env.SMTP_URL;
    const { getPool, db, closeDb } = await import("../src/db/client");
    const { createTicket } = await import("../src/domain/tickets/create-ticket");
    const { verifyAuditChain } = await import("../src/domain/audit/verify-chain");
    const timer = new LockTimer();
    timer.attach(getPool());

    const actorOf = (o: Org) =>
      ({
        userId: o.agentId,
        orgId: o.id,
        role: "agent",
        name: "bench",
        sessionId: "bench",
        mfaEnabled: true,
        mfaRequired: false,
        ip: "203.0.113.9",
        userAgent: "bench",
      }) as const;
    const input = (o: Org, i: number) => ({
      title: `Printer offline on floor ${i}`,
      descriptionMd: "It **still** prints nothing.",
      priority: "normal" as const,
      requesterId: o.requesterId,
    });

    // The floor: the same rows and the same two locks, as bare statements through node-postgres — the
    // counter, the ticket, its clock, and the audit event through audit_append_batch() — committed either
    // synchronously (the locks are held while the disk flushes) or as the app does (asynchronously, then
    // the commit barrier).
    const floorPool = new (await import("pg")).default.Pool({ connectionString: database.url, max: CLIENTS, options: "-c role=helpdesk_app" });
    floorPool.on("error", () => undefined);
    timer.attach(floorPool);
    const floorCreate = async (o: Org, durable: "sync" | "barrier") => {
      const c = await floorPool.connect();
      try {
        await c.query("begin");
        // The number and the ticket in one statement, as the app's scoped insert does.
        const { rows: t } = await c.query(
          `with next_number as (update organizations set ticket_counter = ticket_counter + 1 where id = $1 returning ticket_counter)
           insert into tickets (organization_id, number, title, description_md, status, priority, requester_id, assignee_id, first_response_due_at, resolution_due_at)
           values ($1, (select ticket_counter from next_number), 'Printer offline', 'It **still** prints nothing.', 'open', 'normal', $2, null,
                   now() + interval '8 hours', now() + interval '3 days') returning id, number`,
          [o.id, o.requesterId],
        );
        await c.query(
          "insert into ticket_sla (ticket_id, organization_id, started_at, next_due_at, next_check_at) values ($1, $2, now(), now() + interval '8 hours', now() + interval '7 hours')",
          [t[0].id, o.id],
        );
        const e = {
          organizationId: o.id,
          actorId: o.agentId,
          action: "ticket.created",
          targetType: "ticket",
          targetId: t[0].id as string,
          data: { number: Number(t[0].number), priority: "normal" },
          ip: "203.0.113.9",
          userAgent: "bench",
        };
        const p = canonicalParts(e);
        await c.query(
          `select seq ${durable === "barrier" ? ", set_config('synchronous_commit', 'off', true)" : ""}
           from audit_append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            o.id,
            [e.actorId],
            [e.action],
            [e.targetType],
            [e.targetId],
            [JSON.stringify(e.data)],
            [e.ip],
            [e.userAgent],
            [p.beforeTime],
            [p.beforeSeq],
            [p.afterSeq],
          ],
        );
        await c.query("commit");
        if (durable === "barrier") await c.query("select audit_commit_barrier()");
      } catch (err) {
        await c.query("rollback");
        throw err;
      } finally {
        c.release();
      }
    };

    const modes: { name: string; orgsUsed: Org[]; once: (client: number, n: number) => Promise<void> }[] = [
      { name: "app createTicket, one org", orgsUsed: [single], once: async (_c, n) => void (await createTicket(actorOf(single), input(single, n))) },
      {
        name: "app createTicket, org per client",
        orgsUsed: spread,
        once: async (c, n) => void (await createTicket(actorOf(spread[c]!), input(spread[c]!, n))),
      },
      { name: "SQL floor, one org, commit barrier", orgsUsed: [single], once: async () => floorCreate(single, "barrier") },
      { name: "SQL floor, one org, synchronous commit", orgsUsed: [single], once: async () => floorCreate(single, "sync") },
    ];

    // Warm-up: pools filled, code paths compiled, plans cached.
    await drive(CLIENTS, 1, (c) => modes[0]!.once(c, 0));
    await drive(CLIENTS, 1, (c) => modes[2]!.once(c, 0));
    await drive(CLIENTS, 1, (c) => modes[3]!.once(c, 0));

    console.log(`\nTicket create (issue 15): ${CLIENTS} concurrent clients, ${SECONDS} s per run, ${RUNS} runs; ${loadNote()}`);
    const results = new Map<string, number[]>();
    const details = new Map<string, string[]>();
    for (let run = 1; run <= RUNS; run++) {
      for (const mode of modes) {
        timer.reset();
        const stopSampling = sampleLockWaits(admin, database.name);
        let n = 0;
        const r = await drive(CLIENTS, SECONDS, (c) => mode.once(c, n++));
        const waits = await stopSampling();
        results.set(mode.name, [...(results.get(mode.name) ?? []), r.perSec]);
        const line =
          `run ${run}: ${Math.round(r.perSec)}/s (${r.count} creates); lock statements ${(timer.waitMs / Math.max(1, timer.waits)).toFixed(2)} ms each ` +
          `(${((timer.waitMs / (CLIENTS * SECONDS * 1000)) * 100).toFixed(0)} % of client time); lock held ${(timer.heldMs / Math.max(1, timer.held)).toFixed(2)} ms ` +
          `to commit; backends waiting on a lock ${waits.meanWaiting.toFixed(1)} of ${waits.meanActive.toFixed(1)} active`;
        details.set(mode.name, [...(details.get(mode.name) ?? []), line]);
      }
    }

    // Every chain the runs wrote must verify, with no gaps.
    let verified = 0;
    for (const o of orgs) {
      const v = await verifyAuditChain(db(), o.id);
      if (!v.ok) throw new Error(`audit chain of ${o.id} does not verify: ${JSON.stringify(v.problem)}`);
      verified += v.checkedEvents;
    }

    const floor = summarise(results.get("SQL floor, one org, commit barrier")!).median;
    const ceiling = summarise(results.get("app createTicket, org per client")!).median;
    for (const mode of modes) {
      const s = summarise(results.get(mode.name)!);
      console.log(`\n## ${mode.name}: ${formatSummary(s, "/s")}`);
      console.log(`   ratio to the SQL floor (commit barrier) ${(s.median / floor).toFixed(2)}, to org-per-client ${(s.median / ceiling).toFixed(2)}`);
      for (const l of details.get(mode.name)!) console.log(`   ${l}`);
    }
    console.log(`\nAudit chains after the runs: ${orgs.length} organizations, ${verified.toLocaleString("en")} events, all verify (no gaps, links intact).`);
    console.log(`Finished with ${loadNote()}`);
    await floorPool.end();
    await closeDb();
  } finally {
    await database.drop();
  }
}

await main();
