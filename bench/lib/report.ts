// The Markdown summary: per endpoint the app's figure beside its two references measured in the same run
// (ceiling: a bare Node server returning the same bytes; floor: node-postgres running the same
// statements, then the same bytes), medians of the runs with the app's spread, latency, SQL round trips,
// memory; then the targets of issue 15 and the query plans.
import type { PlanReport } from "./explain";
import type { LoadResult, LoadSettings } from "./load";
import type { PageWeight } from "./page-weight";
import type { Target } from "./targets";

export interface EndpointRuns {
  target: Target;
  items: number | null;
  bytes: number;
  /** SQL round trips and statements one request sent (captured at the wire, bench/lib/pg-tap.ts). */
  roundTrips: number;
  statements: number;
  /** First-load JavaScript of a page (bench/lib/page-weight.ts); null for the API. */
  weight: PageWeight | null;
  app: LoadResult[];
  ceiling: LoadResult[];
  floor: LoadResult[];
}

export interface ReportInput {
  when: Date;
  commit: string;
  settings: LoadSettings & { runs: number };
  cpus: number;
  dataset: string[];
  endpoints: EndpointRuns[];
  plans: PlanReport[];
  notes: string[];
  idleRssMb: number | null;
}

export function median(xs: number[]): number {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ms = (n: number) => (!Number.isFinite(n) ? "–" : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const rate = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)} %` : "–");

/** The app's median req/s over the floor's, per run, then the median of those ratios. */
export function ratio(a: LoadResult[], b: LoadResult[]): number {
  return median(a.map((r, i) => r.reqPerSec / (b[i]?.reqPerSec ?? NaN)));
}

export function summarise(e: EndpointRuns) {
  const appRates = e.app.map((r) => r.reqPerSec);
  return {
    app: median(appRates),
    spread: appRates.length ? `${rate(Math.min(...appRates))}–${rate(Math.max(...appRates))}` : "–",
    ceiling: median(e.ceiling.map((r) => r.reqPerSec)),
    floor: median(e.floor.map((r) => r.reqPerSec)),
    ofFloor: ratio(e.app, e.floor),
    ofCeiling: ratio(e.app, e.ceiling),
    p50: median(e.app.map((r) => r.p50)),
    p95: median(e.app.map((r) => r.p95)),
    p99: median(e.app.map((r) => r.p99)),
    rss: Math.max(0, ...e.app.map((r) => r.rssMaxMb ?? 0)),
    cpuMs: median(e.app.map((r) => r.cpuMsPerRequest ?? NaN)),
    non2xx: e.app.reduce((a, r) => a + r.non2xx, 0),
    errors: e.app.reduce((a, r) => a + r.errors, 0),
  };
}

/** Issue 15's targets for the rows they apply to, as met / missed lines. */
export function targetLines(endpoints: EndpointRuns[]): string[] {
  const lines: string[] = [];
  for (const e of endpoints) {
    const s = summarise(e);
    if (e.target.kind === "page") {
      const ok = s.app >= 150 && s.p95 < 100;
      lines.push(`${ok ? "MET" : "missed"}: ${e.target.name} — ${rate(s.app)} req/s (target ≥ 150), p95 ${ms(s.p95)} ms (target < 100)`);
    } else if (e.target.path.startsWith("/api/tickets")) {
      const ok = s.ofFloor >= 0.5 && e.roundTrips <= 2;
      lines.push(
        `${ok ? "MET" : "missed"}: ${e.target.name} — ${pct(s.ofFloor)} of the node-postgres floor (target ≥ 50 %), ${e.roundTrips} SQL round trips (target ≤ 2)`,
      );
    }
  }
  return lines;
}

/** First-load JavaScript per page: the total a browser downloads before the page runs, and what is in it. */
function weightSection(endpoints: EndpointRuns[]): string[] {
  const pages = endpoints.filter((e) => e.weight);
  if (pages.length === 0) return [];
  const kb = (n: number) => (n / 1024).toFixed(1);
  const out = [
    "## First-load JavaScript (gzip, `nomodule` polyfills left out; target ≤ 100 KB)",
    "",
    "| page | scripts | gzip KB | raw KB | largest chunks (gzip KB: what is in them) |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  for (const e of pages) {
    const w = e.weight!;
    const top = [...w.scripts]
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 4)
      .map((s) => `${kb(s.gzip)}${s.holds.length ? `: ${s.holds.join(", ")}` : ""}`)
      .join("; ");
    out.push(`| ${e.target.name} | ${w.scripts.length} | ${kb(w.totalGzip)} | ${kb(w.totalBytes)} | ${top} |`);
  }
  out.push("");
  return out;
}

export function renderReport(r: ReportInput): string {
  const out: string[] = [
    `# Helpdesk benchmark — ${r.when.toISOString()}`,
    "",
    `Commit ${r.commit}; ${r.cpus} CPUs shared by the load client, the app, the references and PostgreSQL; autocannon ` +
      `${r.settings.connections} connections, ${r.settings.duration} s per measurement after a ${r.settings.warmup} s warm-up; ` +
      `${r.settings.runs} runs, each measuring app, ceiling and floor back to back per row.`,
    "",
    ...r.dataset.map((d) => `- ${d}`),
    "",
    "## Load",
    "",
    "req/s and latencies are medians of the runs; *spread* is the app's lowest–highest req/s. **ceiling**: a bare Node `http` " +
      "server returning the same bytes; **floor**: node-postgres running the same SQL statements one after another, then the " +
      "same bytes (bench/lib/reference-server.ts). Ratios are per run, then the median. *SQL* = round trips (statements) one " +
      "request sent, read off the wire. *CPU ms/req*: the app instance's own CPU time (user + system, /proc) per " +
      "request — on a shared machine the steadier figure. *RSS*: the app instance's largest resident set during the row's load.",
    "",
    "| endpoint | items | KB | app req/s | spread | ceiling | floor | app ÷ floor | app ÷ ceiling | p50 ms | p95 ms | p99 ms | CPU ms/req | SQL | RSS MB | non-2xx |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.endpoints.map((e) => {
      const s = summarise(e);
      return `| ${e.target.name} | ${e.items ?? "–"} | ${(e.bytes / 1024).toFixed(1)} | ${rate(s.app)} | ${s.spread} | ${rate(s.ceiling)} | ${rate(s.floor)} | ${pct(s.ofFloor)} | ${pct(s.ofCeiling)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.cpuMs)} | ${e.roundTrips} (${e.statements}) | ${s.rss ? s.rss.toFixed(0) : "–"} | ${s.non2xx + s.errors} |`;
    }),
    "",
    `App instance RSS after start-up and sign-in, before any load: ${r.idleRssMb?.toFixed(0) ?? "?"} MB.`,
    "",
    "## Targets (issue 15)",
    "",
    ...targetLines(r.endpoints).map((l) => `- ${l}`),
    "",
    ...weightSection(r.endpoints),
  ];
  if (r.notes.length) out.push("## Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  out.push("## Query plans (EXPLAIN (ANALYZE, BUFFERS) of the SQL the app issued)", "");
  out.push("| shape | execution ms | indexes used | flags |", "| --- | ---: | --- | --- |");
  for (const p of r.plans) {
    out.push(
      `| ${p.name} | ${p.executionMs?.toFixed(2) ?? "?"} | ${p.indexes.join(", ") || "none"} | ${p.flags.length ? `**${p.flags.join("; ")}**` : "ok"} |`,
    );
  }
  out.push("");
  for (const p of r.plans) {
    out.push(`### ${p.name}`, "", "```sql", p.sql, `-- params: ${JSON.stringify(p.params)}`, "```", "", "```", ...p.plan, "```", "");
  }
  return out.join("\n");
}
