// npm run bench [-- --no-build] — builds and starts the app against the bench database, signs in as an
// agent of the biggest organization, load-tests the health route and the ticket list shapes, explains
// the SQL of each shape and writes bench/.results/latest.md. See bench/README.md.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BENCH_PASSWORD, BIG_ORG } from "./lib/config";
import { explainShapes, type Shape } from "./lib/explain";
import { measure, type LoadSettings } from "./lib/load";
import { renderReport, type EndpointResult } from "./lib/report";
import { buildApp, freePort, startApp, type RunningServer } from "./lib/server";
import { getJson, signIn } from "./lib/session";
import { SEARCH_TERMS } from "./lib/vocabulary";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
const settings: LoadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
  duration: Number(process.env.BENCH_DURATION ?? 10),
  warmup: Number(process.env.BENCH_WARMUP ?? 2),
};
const BASELINE = "health";

type Page = { items: unknown[]; nextCursor: string | null };

async function benchUser() {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect().catch((e: Error) => {
    throw new Error(`cannot reach the bench database (${e.message}); run \`npm run bench:generate\` first`);
  });
  try {
    const { rows } = await client.query<{ id: string; organization_id: string; name: string; tickets: string; orgs: string; total: string }>(
      `select u.id, u.organization_id, u.name,
              (select count(*) from tickets t where t.organization_id = u.organization_id)::text as tickets,
              (select count(*) from organizations)::text as orgs, (select count(*) from tickets)::text as total
       from users u where u.email = $1`,
      [BENCH_AGENT_EMAIL],
    );
    if (!rows[0]) throw new Error(`${BENCH_AGENT_EMAIL} not found; run \`npm run bench:generate\` first`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Follows nextCursor `pages` times (100 rows each) and returns the cursor found there. */
async function deepCursor(baseUrl: string, cookie: string, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page: Page = await getJson<Page>(baseUrl, `/api/tickets?limit=100${cursor ? `&cursor=${cursor}` : ""}`, cookie);
    if (!page.nextCursor) throw new Error("ran out of pages before the deep-page cursor");
    cursor = page.nextCursor;
  }
  return cursor!;
}

const user = await benchUser();
const port = await freePort();
const appUrl = `http://localhost:${port}`;
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: "development",
  DATABASE_URL: BENCH_DATABASE_URL,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  APP_URL: appUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
};
mkdirSync(RESULTS, { recursive: true });

if (process.argv.includes("--no-build")) console.log("Skipping the build (--no-build): using the existing .next-bench.");
else await buildApp(ROOT, appEnv);

let server: RunningServer | undefined;
const stopOnSignal = (signal: NodeJS.Signals) => {
  console.error(`\n${signal}: stopping the app server`);
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
};
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);

try {
  server = await startApp(ROOT, port, appEnv, `${RESULTS}server.log`);
  console.log(`App started (pid ${server.pid}) on ${appUrl}; server log in bench/.results/server.log`);
  const cookie = await signIn(server.baseUrl, appUrl, BENCH_AGENT_EMAIL, BENCH_PASSWORD);
  console.log(`Signed in as ${BENCH_AGENT_EMAIL} (${user.tickets} tickets in ${BIG_ORG.name})`);

  const cursor = await deepCursor(server.baseUrl, cookie, 3);
  const q = (s: string) => encodeURIComponent(s);
  const endpoints: { name: string; path: string; session: boolean }[] = [
    { name: BASELINE, path: "/api/health", session: false },
    { name: "me (session lookup only)", path: "/api/me", session: true },
    { name: "first page", path: "/api/tickets", session: true },
    { name: "status=open, 50", path: "/api/tickets?status=open&limit=50", session: true },
    { name: "assignee=me", path: "/api/tickets?assignee=me", session: true },
    { name: "deep page (row 300+)", path: `/api/tickets?cursor=${cursor}`, session: true },
    { name: `q=${SEARCH_TERMS.common} (common)`, path: `/api/tickets?q=${q(SEARCH_TERMS.common)}`, session: true },
    { name: `q=${SEARCH_TERMS.rare} (rare)`, path: `/api/tickets?q=${q(SEARCH_TERMS.rare)}`, session: true },
    { name: `q=${SEARCH_TERMS.twoWords} (two words)`, path: `/api/tickets?q=${q(SEARCH_TERMS.twoWords)}`, session: true },
  ];

  const shapes: Shape[] = endpoints
    .filter((e) => e.path.startsWith("/api/tickets"))
    .map((e) => ({ name: e.name, query: Object.fromEntries(new URL(e.path, appUrl).searchParams) }));
  const actor = { userId: user.id, orgId: user.organization_id, role: "agent" as const, name: user.name };
  // Plans first: a broken query shape fails the run before minutes of load.
  const plans = await explainShapes(BENCH_DATABASE_URL, actor, shapes);
  for (const p of plans)
    console.log(`plan: ${p.name.padEnd(32)} ${p.executionMs?.toFixed(2)} ms  ${p.indexes.join(", ") || "no index"}  ${p.flags.join("; ")}`);

  const results: EndpointResult[] = [];
  for (const e of endpoints) {
    const headers: Record<string, string> = e.session ? { cookie } : {};
    // One plain request first, for the item count; a refusal (e.g. 429) is reported, not fatal.
    const sample = e.path.startsWith("/api/tickets") ? await getJson<Page>(server.baseUrl, e.path, cookie).catch(() => null) : null;
    process.stdout.write(`load: ${e.name.padEnd(32)} `);
    const load = await measure(`${server.baseUrl}${e.path}`, headers, settings);
    console.log(`${load.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms  non-2xx ${load.non2xx}`);
    results.push({ name: e.name, path: e.path, items: sample ? sample.items.length : null, load });
  }

  const notes: string[] = [];
  const limited = results.filter((r) => r.load.rateLimited > 0);
  if (limited.length)
    notes.push(
      `RATE LIMITED (429) during: ${limited.map((r) => `${r.name} (${r.load.rateLimited})`).join(", ")} — the figures measure the limiter, not the query.`,
    );
  for (const r of results) {
    const other = Object.entries(r.load.statusCodes).filter(([code]) => !code.startsWith("2") && code !== "429");
    if (other.length) notes.push(`${r.name}: non-2xx answers ${other.map(([c, n]) => `${c}×${n}`).join(", ")}`);
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
      `${Number(user.total).toLocaleString("en")} tickets in ${user.orgs} organizations; signed in as ${BENCH_AGENT_EMAIL}, an agent of ${BIG_ORG.name} (${Number(user.tickets).toLocaleString("en")} tickets).`,
      `Search terms: common "${SEARCH_TERMS.common}", rare "${SEARCH_TERMS.rare}", two words "${SEARCH_TERMS.twoWords}" (selectivity printed by bench:generate).`,
    ],
    baseline: BASELINE,
    endpoints: results,
    plans,
    notes,
  });
  writeFileSync(`${RESULTS}latest.md`, report);
  console.log(`\n${report}\nWritten to bench/.results/latest.md`);
} finally {
  if (server) {
    await server.stop();
    console.log(`App server (pid ${server.pid}) stopped.`);
  }
}
