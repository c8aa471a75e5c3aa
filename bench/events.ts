// npm run bench:events [-- --no-build] — issue 11: the live event stream with 1,000 connected clients on
// one app instance. Builds and serves the app through scripts/serve.ts, connects BENCH_EVENTS_CLIENTS
// SSE clients (GET /api/events, one socket each) and reports:
// - memory per client: the server's resident memory (VmRSS) with every client connected, minus before,
//   divided by the number of clients;
// - commit-to-delivery latency: a change is committed straight into PostgreSQL (a reply: a comment and
//   the ticket's new version in one transaction, as the app writes it); the clock starts when COMMIT
//   returns and stops when each client has read the comment's event. p50/p95/p99/max over every
//   (change, client) pair.
// The clients are half agents (all of one audience: one re-read per event serves them) and half
// requesters (each their own audience; one of them owns the ticket and must get the reply too), five
// streams per user, the default cap. Throwaway database on the local PostgreSQL; nothing is kept.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request, type IncomingMessage } from "node:http";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { step, throwawayDatabase } from "./lib/database";
import { buildApp, freePort, startApp } from "./lib/server";
import { mintSessionCookie } from "./lib/session";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = Number(process.env.BENCH_EVENTS_CLIENTS ?? 1000);
const CHANGES = Number(process.env.BENCH_EVENTS_CHANGES ?? 30);
const GAP_MS = Number(process.env.BENCH_EVENTS_GAP_MS ?? 500);
const PER_USER = 5;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Client {
  res: IncomingMessage;
  /** Body text of each change (its marker) → when this client read it. */
  got: Map<string, number>;
  ready: Promise<void>;
}

/** One SSE client on its own socket; records when each comment's marker arrives. */
function connect(port: number, cookie: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events", agent: false, headers: { cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /api/events answered ${res.statusCode}`));
      const got = new Map<string, number>();
      let buffer = "";
      let markReady: () => void = () => undefined;
      const ready = new Promise<void>((r) => (markReady = r));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.includes("event: ready")) markReady();
          const m = /event: comment\.created\ndata: .*"bodyMd":"(bench-[\w-]+)"/.exec(frame);
          if (m) got.set(m[1]!, at);
          end = buffer.indexOf("\n\n");
        }
      });
      resolve({ res, got, ready });
    });
    req.on("error", reject);
    req.end();
  });
}

const bench = await throwawayDatabase(ADMIN_URL, "helpdesk_bench_events");
const owner = new pg.Pool({ connectionString: bench.url, max: 4 });
const secret = randomBytes(32).toString("base64url");

let done = step("organization, users and sessions");
const [org] = (await owner.query<{ id: string }>("insert into organizations (name, slug) values ('Live bench', 'live-bench') returning id")).rows;
const users = Math.ceil(CLIENTS / PER_USER);
const agents = Math.ceil(users / 2);
const people: { id: string; role: string }[] = [];
for (let i = 0; i < users; i++) {
  const role = i < agents ? "agent" : "requester";
  const id = randomUUID();
  await owner.query("insert into users (id, email, name, role, organization_id, email_verified) values ($1, $2, $3, $4, $5, true)", [
    id,
    `${role}${i}@live-bench.test`,
    `${role} ${i}`,
    role,
    org!.id,
  ]);
  people.push({ id, role });
}
const requesterOfTicket = people[agents]!;
const author = people[0]!;
await owner.query("update organizations set ticket_counter = 1 where id = $1", [org!.id]);
const {
  rows: [t],
} = await owner.query<{ id: string }>(
  "insert into tickets (organization_id, number, title, description_md, requester_id) values ($1, 1, 'Bench ticket', 'x', $2) returning id",
  [org!.id, requesterOfTicket.id],
);
const cookies = await Promise.all(people.map((p) => mintSessionCookie(owner, secret, p.id)));
done();

const port = await freePort();
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: "development",
  DATABASE_URL: bench.url,
  BETTER_AUTH_SECRET: secret,
  APP_URL: `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  // Opening 1,000 streams is 1,000 reads of the per-user and global budgets within seconds.
  RATE_LIMIT_READS_PER_MIN: "100000000",
  RATE_LIMIT_GLOBAL_PER_SEC: "100000000",
  LIVE_STREAMS_PER_INSTANCE: String(Math.max(CLIENTS, 2000)),
};
if (!process.argv.includes("--no-build")) await buildApp(ROOT, appEnv);
const server = await startApp(ROOT, port, appEnv, "/tmp/helpdesk-bench-events.log");
const clients: Client[] = [];
try {
  // Warm up: load the route and its modules, then let the process settle.
  for (let i = 0; i < 3; i++) {
    const c = await connect(port, cookies[0]!);
    await c.ready;
    c.res.destroy();
  }
  await sleep(2000);
  const before = rssMb(server.pid);

  done = step(`${CLIENTS} clients connected`);
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, (_, k) => connect(port, cookies[Math.floor((i + k) / PER_USER)]!)));
    clients.push(...batch);
  }
  await Promise.all(clients.map((c) => c.ready));
  done();
  await sleep(3000);
  const connected = rssMb(server.pid);

  // Who must receive a public reply on the ticket: every agent's stream and the ticket's requester's.
  const receives = clients.filter((_, i) => {
    const person = people[Math.floor(i / PER_USER)]!;
    return person.role === "agent" || person.id === requesterOfTicket.id;
  });
  const latencies: number[] = [];
  let missing = 0;
  // Each change's marker and commit time; deliveries are read once all changes are in (a delivery that
  // takes longer than the gap between changes is late, not lost: it counts with its real latency).
  const sent: { marker: string; committed: number }[] = [];
  done = step(`${CHANGES} changes, ${GAP_MS} ms apart`);
  for (let n = 0; n < CHANGES; n++) {
    const marker = `bench-${n}-${randomBytes(3).toString("hex")}`;
    const c = await owner.connect();
    let committed = 0;
    try {
      await c.query("begin");
      await c.query("insert into comments (organization_id, ticket_id, author_id, body_md) values ($1, $2, $3, $4)", [org!.id, t!.id, author.id, marker]);
      await c.query("update tickets set version = version + 1, updated_at = now() where id = $1", [t!.id]);
      await c.query("commit");
      committed = performance.now();
    } finally {
      c.release();
    }
    sent.push({ marker, committed });
    await sleep(GAP_MS);
  }
  await sleep(5000);
  for (const { marker, committed } of sent) {
    for (const client of receives) {
      const at = client.got.get(marker);
      if (at === undefined) missing++;
      else latencies.push(at - committed);
    }
  }
  done();
  const after = rssMb(server.pid);
  latencies.sort((a, b) => a - b);

  const rows = [
    `| clients | ${clients.length} (${agents * PER_USER} agent streams, ${clients.length - agents * PER_USER} requester streams, ${PER_USER} per user) |`,
    `| server RSS before / connected / after the changes | ${before.toFixed(0)} / ${connected.toFixed(0)} / ${after.toFixed(0)} MB |`,
    `| memory per client (RSS delta / clients) | ${(((connected - before) * 1024) / clients.length).toFixed(1)} KB |`,
    `| deliveries measured | ${latencies.length} of ${receives.length * CHANGES} expected (${missing} not delivered within 5 s of the last change) |`,
    `| commit → delivery p50 / p95 / p99 / max | ${pct(latencies, 50).toFixed(1)} / ${pct(latencies, 95).toFixed(1)} / ${pct(latencies, 99).toFixed(1)} / ${(latencies.at(-1) ?? NaN).toFixed(1)} ms |`,
  ];
  console.log(`\n| live events (${new Date().toISOString().slice(0, 10)}) | |\n| --- | --- |\n${rows.join("\n")}\n`);
} finally {
  for (const c of clients) c.res.destroy();
  await server.stop();
  await owner.end();
  await bench.drop();
}
