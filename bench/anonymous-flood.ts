// npm run bench:flood [-- --no-build] — S8 (issue 9 item 8 follow-up): how long a signed-in
// user waits for the ticket list while 200 anonymous clients flood the API.
// Builds and serves the app through scripts/serve.ts (one trusted proxy hop, a private Redis as in
// production), signs in as the demo agent, then measures GET /api/tickets latency (one request at a time)
// idle and during two floods: 200 connections from one address, and 200 connections with a new address
// per request (X-Forwarded-For through the trusted hop). Also counts the Redis commands and database
// transactions each flood cost. Throwaway database on the local PostgreSQL; nothing is kept.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { seedDemo } from "../src/db/seed/unsafe-seed-demo";
import { computeSlaDeadlines } from "../src/domain/sla/sla-deadlines";
import { startRedis } from "../tests/support/redis-server";
import { throwawayDatabase } from "./lib/database";
import { buildApp, freePort, startApp } from "./lib/server";
import { signIn } from "./lib/session";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = Number(process.env.BENCH_FLOOD_CLIENTS ?? 200);
/** Seconds of signed-in sampling per phase; each flood runs 3 s longer (ramp-up before the sample). */
const SAMPLE_SEC = Number(process.env.BENCH_FLOOD_SAMPLE ?? 8);
const RAMP_SEC = 3;
const PASSWORD = `bench-flood-${randomBytes(9).toString("base64url")}`;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signed-in GET /api/tickets, one at a time, for `seconds`: latencies in ms and the statuses seen. */
async function sampleSignedIn(baseUrl: string, cookie: string, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/tickets`, { headers: { cookie } });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
  latencies.sort((a, b) => a - b);
  return { n: latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), max: latencies.at(-1) ?? NaN, statuses };
}

type FloodResult = { requests: number; reqPerSec: number; p50: number; p99: number; errors: number; statusCodes: Record<string, number> };

function flood(url: string, mode: "one" | "many", seconds: number): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/flood-client.ts", url, String(CLIENTS), String(seconds), mode], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as FloodResult) : reject(new Error(`flood client exited with ${code}`)),
    );
  });
}

const bench = await throwawayDatabase(ADMIN_URL, "helpdesk_bench_flood");
const { emails } = await seedDemo(bench.url, PASSWORD, computeSlaDeadlines);
const agent = emails.find((e) => e.startsWith("agent@"))!;

const redis = await startRedis();
const redisClient = new Redis(redis.url);
const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await redisClient.info("stats"))?.[1] ?? NaN);
const dbTransactions = async () => {
  await sleep(1200); // backends report their statistics at most once a second
  const { rows } = await bench.admin.query<{ n: string }>("select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = $1", [
    bench.name,
  ]);
  return Number(rows[0]?.n ?? NaN);
};

const port = await freePort();
const appUrl = `http://localhost:${port}`;
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: "development",
  DATABASE_URL: bench.url,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  APP_URL: appUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  REDIS_URL: redis.url,
  TRUST_PROXY_HOPS: "1",
  // The signed-in user's own read budget is not under test; the anonymous budgets keep their defaults.
  RATE_LIMIT_READS_PER_MIN: "100000000",
};
if (!process.argv.includes("--no-build")) await buildApp(ROOT, appEnv);
const server = await startApp(ROOT, port, appEnv, "/tmp/helpdesk-bench-flood.log");
try {
  const cookie = await signIn(server.baseUrl, appUrl, agent, PASSWORD);
  // Warm up: the first requests load route modules.
  await sampleSignedIn(server.baseUrl, cookie, 2);
  for (let i = 0; i < 20; i++) await (await fetch(`${server.baseUrl}/api/tickets`, { headers: { "x-forwarded-for": `192.0.2.${i}` } })).arrayBuffer();

  const rows: string[] = [];
  const row = (phase: string, s: Awaited<ReturnType<typeof sampleSignedIn>>, extra = "") =>
    rows.push(`| ${phase} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(0)} | ${JSON.stringify(s.statuses)} | ${extra} |`);

  const idle = await sampleSignedIn(server.baseUrl, cookie, SAMPLE_SEC);
  row("idle", idle);
  for (const mode of ["one", "many"] as const) {
    await sleep(2000); // let the previous phase's windows run out
    const [commandsBefore, txBefore] = [await redisCommands(), await dbTransactions()];
    const running = flood(`${server.baseUrl}/api/tickets`, mode, SAMPLE_SEC + RAMP_SEC + 1);
    await sleep(RAMP_SEC * 1000);
    const during = await sampleSignedIn(server.baseUrl, cookie, SAMPLE_SEC);
    const f = await running;
    const [commands, tx] = [(await redisCommands()) - commandsBefore, (await dbTransactions()) - txBefore];
    row(
      mode === "one" ? `flood, ${CLIENTS} conns from one address` : `flood, ${CLIENTS} conns, new address per request`,
      during,
      `${Math.round(f.reqPerSec)} req/s ${JSON.stringify(f.statusCodes)}${f.errors ? ` errors ${f.errors}` : ""}; Redis cmds ${commands}; DB xacts ${tx} (incl. signed-in)`,
    );
  }
  console.log(`\nSigned-in GET /api/tickets (one request at a time, ${SAMPLE_SEC} s per phase), ${CLIENTS} anonymous flood connections:`);
  console.log("| phase | n | p50 ms | p95 ms | max ms | signed-in statuses | anonymous flood |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
} finally {
  await server.stop();
  redisClient.disconnect();
  await redis.stop();
  await bench.drop();
}
