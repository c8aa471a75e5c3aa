// npm run bench:profile [-- --no-build] [-- only=<name>,<name>] — where the CPU goes per request (issue 15).
// Starts the app like `npm run bench` does (our HTTP server in front of Next, the bench database), loads
// each target for BENCH_PROFILE_SECONDS with 20 connections while V8's sampling profiler runs inside
// the server (bench/lib/profile-on-signal.ts: only the load window is profiled), and summarises each
// profile by category (bench/lib/profile-summary.ts). Writes bench/.results/profile.md and keeps the
// raw .cpuprofile files beside it (open them in Chrome DevTools or speedscope).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BENCH_PASSWORD } from "./lib/config";
import { renderProfileSummary, summariseProfile } from "./lib/profile-summary";
import { benchAppEnv } from "./lib/app-env";
import { cpuMs } from "./lib/load";
import { buildApp, freePort, startApp, type RunningServer } from "./lib/server";
import { getJson, signIn } from "./lib/session";
import { benchTargets } from "./lib/targets";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
const PROFILES = `${RESULTS}profiles`;
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const only = process.argv
  .find((a) => a.startsWith("only="))
  ?.slice(5)
  .split(",");

const port = await freePort();
const appUrl = `http://localhost:${port}`;
const appEnv: NodeJS.ProcessEnv = { ...benchAppEnv(appUrl), BENCH_PROFILE_DIR: PROFILES, BETTER_AUTH_SECRET: randomBytes(32).toString("base64url") };
mkdirSync(RESULTS, { recursive: true });
rmSync(PROFILES, { recursive: true, force: true });
mkdirSync(PROFILES, { recursive: true });
if (!process.argv.includes("--no-build")) await buildApp(ROOT, appEnv);

let server: RunningServer | undefined;
const out: string[] = [
  `# CPU profiles under load — ${new Date().toISOString()}`,
  "",
  `${CONNECTIONS} connections, ${SECONDS} s per target, database ${BENCH_DATABASE_URL}.`,
  "",
];
try {
  server = await startApp(ROOT, port, appEnv, `${RESULTS}profile-server.log`, ["--import", "./bench/lib/profile-on-signal.ts"]);
  const cookie = await signIn(server.baseUrl, appUrl, BENCH_AGENT_EMAIL, BENCH_PASSWORD);
  const all = await benchTargets(server.baseUrl, cookie, (path) => getJson(server!.baseUrl, path, cookie));
  // A near-empty page without a session: what Next's page runtime costs by itself (profile it alone, at
  // BENCH_CONNECTIONS ≤ 8: more anonymous page requests at once than the gate's in-flight cap are refused).
  all.push({ key: "sign-in-page", name: "page: sign-in (anonymous)", path: "/app/sign-in", session: false, kind: "page" });
  const targets = all.filter((t) => (only ? only.includes(t.key) : t.key !== "sign-in-page"));
  let n = 0;
  for (const t of targets) {
    const url = `${server.baseUrl}${t.path}`;
    const headers: Record<string, string> = t.session ? { cookie } : {};
    await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
    process.kill(server.pid, "SIGUSR2");
    const cpuBefore = cpuMs(server.pid);
    const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS, timeout: 30 });
    const cpuAfter = cpuMs(server.pid);
    process.kill(server.pid, "SIGUSR2");
    const cpu = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / r.requests.total : null;
    const file = `${PROFILES}/profile-${n++}.cpuprofile`;
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((res) => setTimeout(res, 100));
    const summary = summariseProfile(file, r.requests.total);
    console.log(
      `${t.name}: ${r.requests.average.toFixed(0)} req/s, ${cpu?.toFixed(1)} ms CPU/request (profiled ${(summary.busyMs / r.requests.total).toFixed(1)} ms), non-2xx ${r.non2xx}`,
    );
    out.push(
      renderProfileSummary(
        `${t.name} — \`${t.path.slice(0, 80)}\` (${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, non-2xx ${r.non2xx})`,
        summary,
        r.requests.total,
        cpu,
      ),
    );
    out.push(`Raw profile: \`bench/.results/profiles/profile-${n - 1}.cpuprofile\``, "");
  }
  writeFileSync(`${RESULTS}profile.md`, out.join("\n"));
  console.log(`\n${out.join("\n")}\nWritten to bench/.results/profile.md`);
} finally {
  await server?.stop();
}
