// npm run bench [-- --no-build] [-- only=<key>,<key>] — the app against its references (issue 15). Builds and
// starts the app against the bench database, signs in as an agent of the biggest organization, and for
// the JSON API shapes and the four pages (bench/lib/targets.ts):
//   1. capture: one request each through an app instance whose database connection goes through a wire
//      tap (bench/lib/pg-tap.ts): the bytes it answered, the SQL statements it sent and its round trips;
//   2. references (bench/lib/reference-server.ts, own process): the ceiling (a bare Node server returning
//      the same bytes) and the floor (node-postgres running the same statements, then the same bytes);
//   3. load: a fresh app instance on a direct connection; each row measured app, ceiling, floor back to
//      back, BENCH_RUNS times (default 3), with the instance's RSS sampled during its load;
//   4. EXPLAIN (ANALYZE, BUFFERS) of the list SQL, and bench/.results/latest.md. See bench/README.md.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { benchAppEnv } from "./lib/app-env";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BENCH_PASSWORD, BIG_ORG } from "./lib/config";
import { explainShapes, type Shape } from "./lib/explain";
import { measure, rssMb, type LoadSettings } from "./lib/load";
import { pageWeight, type PageWeight } from "./lib/page-weight";
import { startPgTap } from "./lib/pg-tap";
import type { ReferenceSpec } from "./lib/reference-server";
import { renderReport, summarise, type EndpointRuns } from "./lib/report";
import { buildApp, freePort, startApp, type RunningServer } from "./lib/server";
import { getJson, signIn } from "./lib/session";
import { benchTargets, type Target } from "./lib/targets";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
const settings: LoadSettings & { runs: number } = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
  duration: Number(process.env.BENCH_DURATION ?? 5),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  runs: Number(process.env.BENCH_RUNS ?? 3),
};
const only = process.argv
  .find((a) => a.startsWith("only="))
  ?.slice(5)
  .split(",");

async function benchUser() {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect().catch((e: Error) => {
    throw new Error(`cannot reach the bench database (${e.message}); run \`npm run bench:generate\` first`);
  });
  try {
    const { rows } = await client.query<{ id: string; organization_id: string; name: string; tickets: string; orgs: string; total: string; comments: string }>(
      `select u.id, u.organization_id, u.name,
              (select count(*) from tickets t where t.organization_id = u.organization_id)::text as tickets,
              (select count(*) from organizations)::text as orgs, (select count(*) from tickets)::text as total,
              (select count(*) from comments)::text as comments
       from users u where u.email = $1`,
      [BENCH_AGENT_EMAIL],
    );
    if (!rows[0]) throw new Error(`${BENCH_AGENT_EMAIL} not found; run \`npm run bench:generate\` first`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The same database through the tap: host and port replaced, everything else kept. */
function throughTap(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

interface Captured {
  weight: PageWeight | null;
  status: number;
  contentType: string;
  body: Buffer;
  items: number | null;
  roundTrips: number;
  statements: ReferenceSpec[string]["statements"];
}

async function startReferences(spec: ReferenceSpec, port: number): Promise<{ url: string; stop: () => void }> {
  const file = `${RESULTS}reference-spec.json`;
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/reference-server.ts", file, String(port), BENCH_DATABASE_URL], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the reference server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

const user = await benchUser();
const port = await freePort();
const appUrl = `http://localhost:${port}`;
const appEnv = { ...benchAppEnv(appUrl), BETTER_AUTH_SECRET: randomBytes(32).toString("base64url") };
mkdirSync(RESULTS, { recursive: true });

if (process.argv.includes("--no-build")) console.log("Skipping the build (--no-build): using the existing .next-bench.");
else await buildApp(ROOT, appEnv);

const db = new URL(BENCH_DATABASE_URL);
const tap = await startPgTap(db.hostname, Number(db.port || 5432));
let server: RunningServer | undefined;
let references: { url: string; stop: () => void } | undefined;
const stopAll = async () => {
  references?.stop();
  await server?.stop();
  await tap.close();
};
const stopOnSignal = (signal: NodeJS.Signals) => {
  console.error(`\n${signal}: stopping the servers`);
  void stopAll().finally(() => process.exit(130));
};
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);

try {
  // 1. Capture, through the tap.
  server = await startApp(ROOT, port, { ...appEnv, DATABASE_URL: throughTap(BENCH_DATABASE_URL, tap.port) }, `${RESULTS}capture-server.log`);
  const cookie = await signIn(server.baseUrl, appUrl, BENCH_AGENT_EMAIL, BENCH_PASSWORD);
  console.log(`Signed in as ${BENCH_AGENT_EMAIL} (${user.tickets} tickets in ${BIG_ORG.name})`);
  const base = server.baseUrl;
  const targets: Target[] = (await benchTargets(base, cookie, (path) => getJson(base, path, cookie))).filter((t) => !only || only.includes(t.key));
  const captured = new Map<string, Captured>();
  for (const t of targets) {
    const headers: Record<string, string> = t.session ? { cookie } : {};
    // Twice first: every pooled connection the request may use has its statements prepared by then.
    for (let i = 0; i < 2; i++) await (await fetch(`${base}${t.path}`, { headers })).arrayBuffer();
    tap.start();
    const res = await fetch(`${base}${t.path}`, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    const rec = tap.stop();
    const contentType = res.headers.get("content-type") ?? "application/octet-stream";
    let items: number | null = null;
    if (contentType.includes("json")) items = (JSON.parse(body.toString()) as { items?: unknown[] }).items?.length ?? null;
    const weight = t.kind === "page" ? await pageWeight(base, body.toString("utf8")) : null;
    captured.set(t.key, { status: res.status, contentType, body, items, roundTrips: rec.roundTrips, statements: rec.statements, weight });
    console.log(
      `capture: ${t.name.padEnd(34)} HTTP ${res.status}  ${(body.length / 1024).toFixed(1)} KB  ${rec.roundTrips} round trips${weight ? `  first-load JS ${(weight.totalGzip / 1024).toFixed(1)} KB gz` : ""}`,
    );
  }
  await server.stop();
  server = undefined;

  // 2. Plans of the list shapes (the app's own listTickets in this process), before minutes of load.
  const shapes: Shape[] = targets
    .filter((t) => t.kind === "api" && t.path.startsWith("/api/tickets"))
    .map((t) => ({ name: t.name, query: Object.fromEntries(new URL(t.path, appUrl).searchParams) }));
  const actor = { userId: user.id, orgId: user.organization_id, role: "agent" as const, name: user.name };
  const plans = await explainShapes(BENCH_DATABASE_URL, actor, shapes);

  // 3. References and a fresh app instance on a direct connection.
  const spec: ReferenceSpec = Object.fromEntries(
    [...captured].map(([key, c]) => [key, { contentType: c.contentType, bodyBase64: c.body.toString("base64"), statements: c.statements }]),
  );
  references = await startReferences(spec, await freePort());
  server = await startApp(ROOT, port, appEnv, `${RESULTS}server.log`);
  await getJson(server.baseUrl, "/api/me", cookie);
  const idleRssMb = rssMb(server.pid);
  const runs: EndpointRuns[] = targets.map((t) => {
    const c = captured.get(t.key)!;
    return {
      target: t,
      items: c.items,
      bytes: c.body.length,
      roundTrips: c.roundTrips,
      statements: c.statements.length,
      weight: c.weight,
      app: [],
      ceiling: [],
      floor: [],
    };
  });
  for (let run = 1; run <= settings.runs; run++) {
    for (const e of runs) {
      const headers: Record<string, string> = e.target.session ? { cookie } : {};
      const app = await measure(`${server.baseUrl}${e.target.path}`, headers, settings, { rssOf: server.pid });
      const ceiling = await measure(`${references.url}/ceiling/${e.target.key}`, {}, settings);
      const floor = await measure(`${references.url}/floor/${e.target.key}`, {}, settings);
      e.app.push(app);
      e.ceiling.push(ceiling);
      e.floor.push(floor);
      console.log(
        `run ${run}: ${e.target.name.padEnd(34)} app ${app.reqPerSec.toFixed(0).padStart(6)}  ceiling ${ceiling.reqPerSec.toFixed(0).padStart(6)}  floor ${floor.reqPerSec.toFixed(0).padStart(6)} req/s  p95 ${app.p95} ms  RSS ${app.rssMaxMb?.toFixed(0)} MB  non-2xx ${app.non2xx}`,
      );
    }
  }

  const notes: string[] = [];
  for (const e of runs) {
    const c = captured.get(e.target.key)!;
    if (c.status >= 300) notes.push(`${e.target.name}: the captured answer was HTTP ${c.status} — the references serve that answer.`);
    const s = summarise(e);
    if (s.non2xx + s.errors > 0) {
      const codes = e.app.flatMap((r) => Object.entries(r.statusCodes).filter(([code]) => !code.startsWith("2")));
      notes.push(`${e.target.name}: non-2xx or errors ${codes.map(([code, n]) => `${code}×${n}`).join(", ")} — those figures measure the refusal.`);
    }
  }
  for (const p of plans) if (p.flags.some((f) => f.startsWith("SEQ SCAN"))) notes.push(`${p.name}: sequential scan on tickets`);

  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
    } catch {
      return null;
    }
  };
  const commit = git("rev-parse", "--short", "HEAD") ?? "unknown (not a git checkout)";
  const dirty = git("status", "--porcelain", "--", "src") ? " (src/ has uncommitted changes)" : "";
  const report = renderReport({
    when: new Date(),
    commit: commit + dirty,
    settings,
    cpus: availableParallelism(),
    dataset: [
      `${Number(user.total).toLocaleString("en")} tickets and ${Number(user.comments).toLocaleString("en")} comments in ${user.orgs} organizations; signed in as ${BENCH_AGENT_EMAIL}, an agent of ${BIG_ORG.name} (${Number(user.tickets).toLocaleString("en")} tickets).`,
    ],
    endpoints: runs,
    plans,
    notes,
    idleRssMb,
  });
  writeFileSync(`${RESULTS}latest.md`, report);
  console.log(`\n${report}\nWritten to bench/.results/latest.md`);
} finally {
  await stopAll();
  console.log("Servers stopped.");
}
