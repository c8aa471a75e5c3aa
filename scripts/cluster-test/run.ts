// `npm run ops:cluster-test` (issue 14, "More than one machine, on existing engines"): the scaling plan of
// DESIGN.md run for real on this machine, and faults injected under a mixed workload.
//
// Topology (every part on its own free port, in one temporary directory, stopped at the end):
//   client ──HTTP──▶ HAProxy ──▶ app ×2 (scripts/serve.ts) ──▶ PgBouncer (transaction pooling) ──▶ PostgreSQL primary
//                               worker ×2 (scripts/worker.ts) ─┘        └──▶ streaming replica (pg_basebackup)
//   app/worker LISTEN ──direct──▶ primary · rate limits ──▶ redis-server · attachments ──▶ s3rver · e-mail ──▶ SMTP sink
//
// During the workload: one app instance gets SIGTERM (and comes back), the primary is restarted, Redis is
// stopped (and comes back). The report counts requests, retryable errors, retries, lost requests, stale
// reads after writes, duplicate writes and duplicate SLA notifications; it exits 1 when an invariant fails.
// Needs a production build in NEXT_DIST_DIR (default .next-test): `NEXT_DIST_DIR=.next-test npx next build`.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import PgBoss from "pg-boss";
import S3rver from "s3rver";
import { SMTPServer } from "smtp-server";
import { Client, drive, emptyStats } from "./workload";
import { Daemon, ensurePackages, freePort, haproxyConfig, PostgresNode, startPgBouncer, waitFor } from "./services";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = process.env.NEXT_DIST_DIR ?? ".next-test";
const WORKLOAD_SECONDS = Number(process.env.CLUSTER_WORKLOAD_SECONDS ?? 75);
const PASSWORD = `cluster ${randomBytes(9).toString("base64url")} tangerine`;
const METRICS_TOKEN = randomBytes(24).toString("hex");
const PRESENCE_BUDGET = 20;
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}`);

const timeline: { at: number; event: string }[] = [];
const mark = (event: string) => {
  timeline.push({ at: Math.round((Date.now() - t0) / 100) / 10, event });
  log(event);
};

if (!existsSync(path.join(ROOT, DIST, "BUILD_ID"))) {
  console.error(`No production build in ${DIST}: run \`NEXT_DIST_DIR=${DIST} npx next build\` first.`);
  process.exit(2);
}
ensurePackages(log);

const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-cluster-"));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
let failed = false;

async function cleanup() {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (e) {
      console.error("cleanup:", (e as Error).message);
    }
  }
  if (!process.env.CLUSTER_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanup().then(() => process.exit(130)));

try {
  // ── The engines ────────────────────────────────────────────────────────────────────────────────────
  const primary = await PostgresNode.primary(dir);
  cleanups.push(() => primary.stop());
  mark(`PostgreSQL primary on ${primary.port}`);
  const owner = new pg.Client({ connectionString: `${primary.url}/postgres` });
  await owner.connect();
  await owner.query("CREATE DATABASE helpdesk");
  await owner.end();
  const ownerUrl = `${primary.url}/helpdesk`;
  execFileSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl },
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_ENV: "development",
      DATABASE_URL: ownerUrl,
      SEED_PASSWORD: PASSWORD,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: "http://127.0.0.1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  mark("migrated and seeded (demo organizations)");

  const replica = await PostgresNode.replicaOf(primary, dir);
  cleanups.push(() => replica.stop());
  mark(`streaming replica on ${replica.port} (pg_basebackup -R)`);

  const bouncer = await startPgBouncer(dir, primary, replica, "helpdesk_app");
  cleanups.push(() => bouncer.stop());
  mark(`PgBouncer (transaction pooling) on ${bouncer.port}`);

  const redisPort = await freePort();
  const redis = new Daemon(
    "redis",
    "redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    path.join(dir, "redis.log"),
  );
  redis.start();
  cleanups.push(() => redis.stop());
  await waitFor("redis", () => {
    execFileSync("redis-cli", ["-p", String(redisPort), "ping"], { stdio: "ignore" });
    return true;
  });
  mark(`Redis on ${redisPort}`);

  const s3Port = await freePort();
  const s3Dir = path.join(dir, "s3");
  const s3 = new S3rver({ port: s3Port, address: "127.0.0.1", directory: s3Dir, silent: true, configureBuckets: [{ name: "helpdesk-attachments" }] });
  await s3.run();
  cleanups.push(() => s3.close());
  mark(`s3rver on ${s3Port}`);

  const mails: { to: string; subject: string; messageId: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c) => (raw += c));
      stream.on("end", () => {
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(raw)?.[1]?.trim() ?? "";
        for (const to of session.envelope.rcptTo) mails.push({ to: to.address, subject: header("Subject"), messageId: header("Message-ID") });
        done();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  // ── The app instances and workers ──────────────────────────────────────────────────────────────────
  const proxyPort = await freePort();
  const baseUrl = `http://127.0.0.1:${proxyPort}`;
  const appPorts = [await freePort(), await freePort()];
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ENV: "development",
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    APP_URL: baseUrl,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: `postgres://postgres@127.0.0.1:${bouncer.port}/helpdesk`,
    DATABASE_REPLICA_URL: `postgres://postgres@127.0.0.1:${bouncer.port}/helpdesk_replica`,
    DATABASE_LISTEN_URL: ownerUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    DB_POOL_MAX: "6",
    // Debian 12's PgBouncer 1.18 has no protocol-level prepared statements (1.21+ with max_prepared_statements).
    DB_PREPARED_STATEMENTS: "false",
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    S3_BUCKET: "helpdesk-attachments",
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    METRICS_TOKEN,
    TRUST_PROXY_HOPS: "1",
    SHUTDOWN_DRAIN_DELAY_MS: "2000",
    SHUTDOWN_TIMEOUT_MS: "20000",
    // Generous budgets for the workload's few users; presence keeps a small one to show it is shared.
    RATE_LIMIT_READS_PER_MIN: "100000",
    RATE_LIMIT_WRITES_PER_MIN: "100000",
    RATE_LIMIT_GLOBAL_PER_SEC: "100000",
    RATE_LIMIT_PRESENCE_PER_MIN: String(PRESENCE_BUDGET),
    CLAMD_PORT: String(await freePort()),
    CLAMD_TIMEOUT_MS: "1000",
  };
  const apps = appPorts.map(
    (port, i) =>
      new Daemon(`app${i + 1}`, process.execPath, ["--import", "tsx", "scripts/serve.ts"], path.join(dir, `app${i + 1}.log`), {
        ...common,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
      }),
  );
  const workers = [1, 2].map(
    (i) => new Daemon(`worker${i}`, process.execPath, ["--import", "tsx", "scripts/worker.ts"], path.join(dir, `worker${i}.log`), common),
  );
  const ready = async (port: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: (await res.json()) as { status: string } };
  };
  for (const d of [...apps, ...workers]) {
    d.start();
    cleanups.push(() => d.stop(5000));
  }
  await Promise.all(appPorts.map((p) => waitFor(`app on ${p}`, async () => (await ready(p)).status === 200, 180_000, 500)));
  mark("2 app instances ready");

  writeFileSync(path.join(dir, "haproxy.cfg"), haproxyConfig({ port: proxyPort, servers: appPorts.map((port, i) => ({ name: `app${i + 1}`, port })) }));
  const haproxy = new Daemon("haproxy", "haproxy", ["-f", path.join(dir, "haproxy.cfg"), "-db"], path.join(dir, "haproxy.log"));
  haproxy.start();
  cleanups.push(() => haproxy.stop());
  const backendState = async () => {
    const csv = await (await fetch(`${baseUrl}/haproxy-stats;csv`)).text();
    const rows = csv.split("\n").map((l) => l.split(","));
    return Object.fromEntries(rows.filter((r) => r[0] === "app" && r[1]?.startsWith("app")).map((r) => [r[1]!, r[17]!]));
  };
  await waitFor("haproxy sees both instances up", async () => Object.values(await backendState()).filter((s) => s === "UP").length === 2, 30_000);
  mark(`HAProxy on ${proxyPort}, both instances UP`);

  // ── Clients ────────────────────────────────────────────────────────────────────────────────────────
  const direct = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  direct.on("error", () => undefined);
  cleanups.push(() => direct.end());
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    for (let i = 0; ; i++) {
      try {
        return (await direct.query<T>(text, values)).rows;
      } catch (e) {
        if (i > 40) throw e;
        await sleep(500);
      }
    }
  };
  const agents = await query<{ email: string; slug: string }>(
    "SELECT u.email, o.slug FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.role = 'agent' ORDER BY u.email",
  );
  const stats = emptyStats();
  const clients: Client[] = [];
  for (const [i, a] of agents.slice(0, 4).entries()) {
    const c = new Client(i, baseUrl, stats);
    await c.signIn(a.email, PASSWORD);
    clients.push(c);
  }
  const boss = new PgBoss({ connectionString: ownerUrl, schema: "pgboss", supervise: false, schedule: false, max: 2 });
  boss.on("error", () => undefined);
  await boss.start();
  cleanups.push(() => boss.stop({ graceful: false, wait: false }).catch(() => undefined));

  // ── Shared rate limits: one user's presence budget spent across both instances ──────────────────────
  // Other users than the workload's, so their budgets are untouched: the organizations' admins.
  const probeUsers = await query<{ email: string }>("SELECT email FROM users WHERE role = 'admin' ORDER BY email");
  async function presenceProbe(email: string): Promise<{ accepted: number; refused: number; other: number }> {
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const ticket = (
      await query<{ id: string }>("SELECT t.id FROM tickets t JOIN users u ON u.organization_id = t.organization_id WHERE u.email = $1 LIMIT 1", [email])
    )[0]!;
    const result = { accepted: 0, refused: 0, other: 0 };
    for (let i = 0; i < PRESENCE_BUDGET + 10; i++) {
      // Straight to each instance in turn: a per-instance budget would let 2× through.
      const port = appPorts[i % 2]!;
      const res = await fetch(`http://127.0.0.1:${port}/api/tickets/${ticket.id}/presence`, {
        method: "POST",
        headers: { cookie, origin: baseUrl, "content-type": "application/json" },
        body: JSON.stringify({ state: "viewing" }),
      }).catch(() => null);
      if (res?.status === 429) result.refused++;
      else if (res && res.status < 300) result.accepted++;
      else result.other++;
      await res?.body?.cancel().catch(() => undefined);
    }
    return result;
  }

  // ── The run ────────────────────────────────────────────────────────────────────────────────────────
  const readiness: { at: number; instance: string; status: number | string; state: string }[] = [];
  let stopWatch = false;
  const watchReadiness = (async () => {
    const last: Record<string, string> = {};
    while (!stopWatch) {
      for (const [i, port] of appPorts.entries()) {
        const name = `app${i + 1}`;
        const r = await ready(port).then(
          (x) => ({ status: x.status as number | string, state: x.body.status }),
          (e: Error) => ({ status: "refused" as number | string, state: String((e.cause as { code?: string })?.code ?? e.message) }),
        );
        const key = `${r.status}/${r.state}`;
        if (last[name] !== key) {
          last[name] = key;
          readiness.push({ at: Math.round((Date.now() - t0) / 100) / 10, instance: name, ...r });
        }
      }
      await sleep(200);
    }
  })();

  const until = Date.now() + WORKLOAD_SECONDS * 1000;
  const done = () => Date.now() > until;
  mark(`workload starts: ${clients.length} clients (2 readers, ${clients.length - 2} writers) for ${WORKLOAD_SECONDS} s`);
  const load = Promise.all(clients.map((c, i) => drive(c, i < 2 ? "reader" : "writer", done, stats, 50)));
  const sla = { forced: [] as string[], scans: 0 };
  const scanLoop = (async () => {
    while (!done()) {
      await boss.send("sla-scan", {}).then(
        () => sla.scans++,
        () => undefined,
      );
      await sleep(3000);
    }
  })();

  const checks: { name: string; ok: boolean; detail: string }[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    if (!ok) failed = true;
    log(`${ok ? "PASS" : "FAIL"} ${name}: ${detail}`);
  };

  await sleep(8000);
  const shared1 = await presenceProbe(probeUsers[0]!.email);
  check("rate limits shared by both instances (Redis up)", shared1.accepted === PRESENCE_BUDGET, JSON.stringify(shared1));

  // SLA: clocks of tickets made so far are put past due (time travel on the test's own cluster), so the
  // two workers' scans — sent every 3 s, through the faults below — notify their breaches.
  sla.forced = stats.createdTickets.slice(0, 6).map((t) => t.id);
  await query("UPDATE tickets SET first_response_due_at = now() - interval '1 minute', resolution_due_at = now() - interval '1 minute' WHERE id = ANY($1)", [
    sla.forced,
  ]);
  await query("UPDATE ticket_sla SET next_check_at = now() - interval '1 second', paused_since = NULL WHERE ticket_id = ANY($1)", [sla.forced]);
  mark(`${sla.forced.length} tickets put past their SLA`);

  // Fault 1: SIGTERM to app1 (graceful: readiness red, drain, finish, exit), then it comes back.
  mark("FAULT: SIGTERM app1");
  const stopMs = await apps[0]!.stop(30_000);
  mark(`app1 exited with ${apps[0]!.exitCode()} after ${stopMs} ms`);
  const app1Exit = apps[0]!.exitCode();
  apps[0]!.start();
  await waitFor("app1 ready again", async () => (await ready(appPorts[0]!)).status === 200, 180_000, 500);
  await waitFor("HAProxy puts app1 back", async () => (await backendState()).app1 === "UP", 30_000);
  mark("app1 back in HAProxy");

  // Fault 2: the primary restarts (fast: sessions cut).
  mark("FAULT: restart PostgreSQL primary");
  primary.restart();
  mark("primary restarted");
  await waitFor("both instances ready after the restart", async () => (await Promise.all(appPorts.map(ready))).every((r) => r.status === 200), 60_000);
  mark("both instances ready again");

  // Fault 3: Redis stops; limits fall back to each instance's memory, readiness says degraded.
  mark("FAULT: stop Redis");
  await redis.stop();
  await sleep(3000);
  const degraded = await Promise.all(appPorts.map(ready));
  check(
    "Redis down: instances keep serving, readiness 200 degraded",
    degraded.every((r) => r.status === 200 && r.body.status === "degraded"),
    JSON.stringify(degraded.map((r) => `${r.status}/${r.body.status}`)),
  );
  await sleep(4000);
  redis.start();
  await waitFor("Redis back", () => {
    execFileSync("redis-cli", ["-p", String(redisPort), "ping"], { stdio: "ignore" });
    return true;
  });
  await waitFor("readiness ready again with Redis", async () => (await Promise.all(appPorts.map(ready))).every((r) => r.body.status === "ready"), 30_000);
  mark("Redis back, both instances ready");
  const shared2 = await presenceProbe(probeUsers[1]!.email);
  check("rate limits shared again once Redis is back", shared2.accepted === PRESENCE_BUDGET, JSON.stringify(shared2));

  await load;
  await scanLoop;
  mark(`workload done: ${stats.requests} requests`);

  // Let the last scans and e-mails go out.
  await boss.send("sla-scan", {});
  await boss.send("outbox-deliver", {}).catch(() => undefined);
  await sleep(8000);
  stopWatch = true;
  await watchReadiness;

  // ── Invariants ─────────────────────────────────────────────────────────────────────────────────────
  check("no request lost (every failure was retryable and retried to an answer)", stats.lost.length === 0, JSON.stringify(stats.lost.slice(0, 5)));
  check("no stale read right after a write", stats.staleReads === 0, `${stats.staleReads} of ${stats.createdTickets.length}`);
  const markers = stats.createdTickets.map((t) => t.marker);
  const dupTickets = await query<{ marker: string; n: number }>(
    "SELECT substring(title from 'm[0-9a-f]{12}') AS marker, count(*)::int AS n FROM tickets WHERE title LIKE 'Cluster run %' GROUP BY 1 HAVING count(*) > 1",
  );
  const storedTickets = (await query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Cluster run %'"))[0]!.n;
  check("no duplicate ticket", dupTickets.length === 0, `${dupTickets.length} duplicated; ${storedTickets} stored, ${markers.length} acknowledged`);
  check("no acknowledged ticket missing", storedTickets >= markers.length, `${storedTickets} stored ≥ ${markers.length} acknowledged`);
  const dupComments = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT substring(body_md from 'c[0-9a-f]{12}') FROM comments WHERE body_md LIKE 'Note c%' GROUP BY 1 HAVING count(*) > 1) d",
  );
  check("no duplicate comment", dupComments[0]!.n === 0, `${dupComments[0]!.n} duplicated of ${stats.comments.length}`);
  const halfDone = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM tickets t WHERE t.title LIKE 'Cluster run %' AND NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)",
  );
  check("no half-done write (every ticket has its SLA clock, written in the same transaction)", halfDone[0]!.n === 0, `${halfDone[0]!.n} without`);
  const breaches = await query<{ n: number }>("SELECT count(*)::int AS n FROM sla_events WHERE ticket_id = ANY($1) AND type = 'breach'", [sla.forced]);
  const dupNotes = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT user_id, ticket_id, title FROM notifications WHERE ticket_id = ANY($1) AND type LIKE 'sla.%' GROUP BY 1, 2, 3 HAVING count(*) > 1) d",
    [sla.forced],
  );
  const notes = await query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1) AND type LIKE 'sla.%'", [sla.forced]);
  const dupBreaches = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT ticket_id, kind FROM sla_events WHERE ticket_id = ANY($1) AND type = 'breach' GROUP BY 1, 2 HAVING count(*) > 1) d",
    [sla.forced],
  );
  check(
    "SLA breaches recorded, once per clock",
    breaches[0]!.n >= sla.forced.length && dupBreaches[0]!.n === 0,
    `${breaches[0]!.n} breaches for ${sla.forced.length} tickets, ${dupBreaches[0]!.n} clocks twice`,
  );
  check("no SLA notification twice", dupNotes[0]!.n === 0 && notes[0]!.n > 0, `${notes[0]!.n} notifications, ${dupNotes[0]!.n} duplicated`);
  const breachMails = mails.filter((m) => /SLA breached/.test(m.subject));
  const mailKeys = breachMails.map((m) => `${m.to}|${m.subject}`);
  const dupMails = mailKeys.length - new Set(mailKeys).size;
  check("no SLA e-mail twice", dupMails === 0, `${breachMails.length} breach e-mails (the seed's overdue tickets included), ${dupMails} duplicated`);

  const app1Drain = readiness.filter((r) => r.instance === "app1");
  const redBeforeGone =
    app1Drain.findIndex((r) => r.state === "draining") >= 0 &&
    app1Drain.findIndex((r) => r.state === "draining") < app1Drain.findIndex((r) => r.status === "refused");
  check(
    "readiness red (draining) before app1 stopped listening, green when it came back",
    redBeforeGone && app1Drain.at(-1)?.status === 200,
    JSON.stringify(app1Drain),
  );
  check("app1 exited 0 after a graceful shutdown", app1Exit === 0, `exit ${app1Exit} after ${stopMs} ms`);

  const metricsText = await (await fetch(`http://127.0.0.1:${appPorts[1]}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const replicaReads = Number(/helpdesk_db_reads_total\{target="replica"\} (\d+)/.exec(metricsText)?.[1] ?? 0);
  const primaryReads = Number(/helpdesk_db_reads_total\{target="primary"\} (\d+)/.exec(metricsText)?.[1] ?? 0);
  check("lists and search read from the replica when nobody just wrote", replicaReads > 0, `app2: ${replicaReads} replica, ${primaryReads} primary reads`);
  const objects = existsSync(s3Dir) ? countFiles(path.join(s3Dir, "helpdesk-attachments")) : 0;
  check(
    "attachments stored in the shared S3 bucket",
    stats.uploads === 0 || objects >= stats.uploads,
    `${stats.uploads} uploads, ${objects} files in s3rver's bucket directory`,
  );

  const report = {
    topology: {
      haproxy: proxyPort,
      apps: appPorts,
      workers: 2,
      pgbouncer: bouncer.port,
      primary: primary.port,
      replica: replica.port,
      redis: redisPort,
      s3: s3Port,
    },
    workloadSeconds: WORKLOAD_SECONDS,
    requests: stats.requests,
    ok: stats.ok,
    byOp: stats.byOp,
    retryableErrors: stats.retryableErrors,
    retries: stats.retries,
    writesLookedUpBeforeRetry: stats.writesChecked,
    lost: stats.lost.length,
    staleReadsAfterWrite: stats.staleReads,
    duplicates: { tickets: dupTickets.length, comments: dupComments[0]!.n, slaNotifications: dupNotes[0]!.n, slaEmails: dupMails },
    sla: { ticketsForced: sla.forced.length, breaches: breaches[0]!.n, notifications: notes[0]!.n, emails: breachMails.length, scansSent: sla.scans },
    rateLimits: { redisUp: shared1, afterRedisBack: shared2, budget: PRESENCE_BUDGET },
    reads: { replica: replicaReads, primary: primaryReads },
    timeline,
    readiness,
    checks,
  };
  writeFileSync(path.join(ROOT, "cluster-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ ...report, timeline: undefined, readiness: undefined }, null, 2));
  log(failed ? "FAILED (see checks above; cluster-report.json)" : "all checks passed (cluster-report.json)");
} catch (e) {
  failed = true;
  console.error(e);
  console.error(`logs kept in ${dir}`);
  process.env.CLUSTER_KEEP_DIR = "1";
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);

function countFiles(d: string): number {
  if (!existsSync(d)) return 0;
  return readdirSync(d).reduce((n, f) => {
    const p = path.join(d, f);
    return n + (statSync(p).isDirectory() ? countFiles(p) : f.endsWith("._S3rver_object") ? 1 : 0);
  }, 0);
}
