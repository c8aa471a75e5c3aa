// npm run bench:body [-- --no-build] — issue 9 item 7: memory of the app server while 100 anonymous
// clients at once send oversized bodies (declared 50 MB, chunked 12 MB uploads, chunked 12 MB JSON, and
// chunked 12 MB posts to a page, which Next's proxy would buffer).
// Samples the server's resident memory (VmRSS) every 50 ms and prints before / peak / after. Uses a
// throwaway database on the local PostgreSQL; no data is needed, every request is anonymous.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { throwawayDatabase } from "./lib/database";
import { buildApp, freePort, startApp } from "./lib/server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = Number(process.env.BENCH_BODY_CLIENTS ?? 100);
const _CHUNKED_BYTES = 12 * 1024 * 1024;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** One hostile client: sends as fast as the server takes it, until the server answers or hangs up. */
function hostile(port: number, kind: number): Promise<number> {
  const path = kind === 3 ? "/app/sign-in" : kind === 2 ? "/api/tickets" : `/api/tickets/${randomUUID()}/attachments`;
  const headers: Record<string, string | number> =
    kind === 0
      ? { "content-type": "multipart/form-data; boundary=x", "content-length": 50 * 1024 * 1024 }
      : { "content-type": kind === 1 ? "multipart/form-data; boundary=x" : kind === 3 ? "text/plain" : "application/json", "transfer-encoding": "chunked" };
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve(status);
    };
    const req = request({ host: "127.0.0.1", port, method: "POST", path, headers: { origin: `http://localhost:${port}`, ...headers } }, (res) => {
      res.resume();
      res.on("end", () => finish(res.statusCode ?? 0));
    });
    req.on("error", () => finish(-1));
    const pump = () => {
      while (!done && sent < (kind === 0 ? 50 : 12) * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

const bench = await throwawayDatabase(ADMIN_URL, "helpdesk_bench_body");

const port = await freePort();
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: "development",
  DATABASE_URL: bench.url,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  APP_URL: `http://localhost:${port}`,
  LOG_LEVEL: "warn",
  // The point is memory, not the limiter: let every request reach the body handling.
  RATE_LIMIT_ANON_PER_MIN: "100000000",
  RATE_LIMIT_GLOBAL_ANON_PER_SEC: "100000000",
};
if (!process.argv.includes("--no-build")) await buildApp(ROOT, appEnv);
const server = await startApp(ROOT, port, appEnv, "/tmp/helpdesk-bench-body.log");
try {
  // Warm up the routes (first requests compile and load modules), then settle.
  for (let i = 0; i < 3; i++) await Promise.all([0, 1, 2, 3].map((k) => hostile(port, k)));
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssMb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 50);
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => hostile(port, i % 4)));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  const after = rssMb(server.pid);
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
  console.log(`\n${CLIENTS} concurrent oversized anonymous requests (declared 50 MB / chunked 12 MB upload / chunked 12 MB JSON / chunked 12 MB page post)`);
  console.log(`answers: ${JSON.stringify(counts)} in ${seconds.toFixed(2)} s`);
  console.log(`server RSS: before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)}), after ${after.toFixed(0)} MB`);
} finally {
  await server.stop();
  await bench.drop();
}
