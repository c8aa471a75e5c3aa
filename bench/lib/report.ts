// The Markdown summary: the load table (with ratios to the trivial route) and the query plans.
import type { PlanReport } from "./explain";
import type { LoadResult, LoadSettings } from "./load";

export interface EndpointResult {
  name: string;
  path: string;
  items: number | null;
  load: LoadResult;
}

export interface ReportInput {
  when: Date;
  commit: string;
  settings: LoadSettings;
  cpus: number;
  dataset: string[];
  baseline: string;
  endpoints: EndpointResult[];
  plans: PlanReport[];
  notes: string[];
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export function renderReport(r: ReportInput): string {
  const base = r.endpoints.find((e) => e.name === r.baseline)?.load.reqPerSec ?? NaN;
  const out: string[] = [
    `# Helpdesk scale benchmark — ${r.when.toISOString()}`,
    "",
    `Commit ${r.commit}; ${r.cpus} CPUs shared by client and server; autocannon ${r.settings.connections} connections, ` +
      `${r.settings.duration} s per endpoint after a ${r.settings.warmup} s warm-up.`,
    "",
    ...r.dataset.map((d) => `- ${d}`),
    "",
    "## Load",
    "",
    `"× health" is req/s relative to \`${r.baseline}\` in the same run: compare ratios, not absolute req/s.`,
    "",
    "| endpoint | path | items | req/s | × health | p50 ms | p97.5 ms | p99 ms | non-2xx | 429 | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.endpoints.map((e) => {
      const l = e.load;
      const shortPath = e.path.length > 60 ? `${e.path.slice(0, 57)}…` : e.path;
      return `| ${e.name} | \`${shortPath}\` | ${e.items ?? "–"} | ${l.reqPerSec.toFixed(0)} | ${(l.reqPerSec / base).toFixed(2)} | ${ms(l.p50)} | ${ms(l.p97_5)} | ${ms(l.p99)} | ${l.non2xx} | ${l.rateLimited} | ${l.errors} |`;
    }),
    "",
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
