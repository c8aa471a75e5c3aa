// Reads a V8 CPU profile (`node --cpu-prof`) of the app server under load and says where the CPU went:
// self time per category (React Flight, HTML render, Next's runtime, drizzle, node-postgres, Better Auth,
// our own code, node's I/O, GC…), in % of busy time and in ms per request. Code inside Next's build
// chunks is attributed to its original file through the chunk's source map, so "our code bundled by
// Next" and "react-dom bundled by Next" land in different rows.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Categories in the order they are tested: the first whose test matches a source path wins. */
const CATEGORIES: [string, RegExp][] = [
  ["React Flight (RSC payload)", /react-server-dom|react-server\.|ReactFlight|react\.react-server/],
  ["HTML render (react-dom/server)", /react-dom[/\\](cjs[/\\])?react-dom-server|react-dom-server|ReactFizz|react-dom\.|server\.edge|server\.node/],
  ["React (other)", /[/\\]react[/\\]|[/\\]react-dom[/\\]|scheduler/],
  ["Next.js runtime", /[/\\]next[/\\]|next-server|@next[/\\]|styled-jsx/],
  // drizzle's own source maps lose its package name inside Next's chunks: "node_modules/src/sql/sql.ts".
  [
    "drizzle (SQL build + row mapping)",
    /drizzle-orm|node_modules[/\\]src[/\\](sql|pg-core|node-postgres|entity|column|table|relations|alias|selection-proxy|subquery|utils|query-promise|logger|casing|tracing|errors|view-common)/,
  ],
  ["node-postgres", /[/\\]pg[/\\]|pg-protocol|pg-types|pg-pool|pg-connection-string|postgres-array|postgres-date|pgpass/],
  ["Better Auth", /better-auth|better-call|@better-auth|jose|@noble/],
  ["zod", /[/\\]zod[/\\]/],
  ["logging (pino)", /pino|sonic-boom|thread-stream/],
  ["rate limiter", /rate-limiter-flexible/],
  ["Markdown (react-markdown, remark, rehype)", /markdown|remark|rehype|micromark|mdast|hast|unified|vfile|unist|property-information|decode-named/],
  ["our code: date formatting", /src[/\\]components[/\\]time[/\\]/],
  ["our code (src/)", /(^|[/\\])src[/\\]/],
  ["other npm packages", /node_modules/],
  ["node web streams (ReadableStream…)", /^node:internal\/webstreams/],
  ["node async hooks (AsyncLocalStorage)", /^node:(internal\/)?async_hooks|async_local_storage|^node:internal\/process\/task_queues/],
  ["node I/O (net, http, streams) and builtins", /^node:|^internal[/\\]|^$/],
];

const SPECIAL: Record<string, string> = {
  "(garbage collector)": "garbage collection",
  "(program)": "V8/native (program)",
  "(idle)": "idle",
  "(root)": "idle",
};

type Resolver = (frame: CallFrame) => string;

/** Maps a frame to its original source path (through the chunk's source map when there is one). */
function sourceResolver(): Resolver {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string): SourceMap | null => {
    if (maps.has(url)) return maps.get(url)!;
    let map: SourceMap | null = null;
    // Next's build chunks and its precompiled runtimes (react-dom/server, Flight, the router) ship maps.
    if (url.startsWith("file://") && /[/\\]\.next[^/\\]*[/\\]|[/\\]next[/\\]dist[/\\]compiled[/\\]/.test(url)) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8")));
      } catch {
        map = null;
      }
    }
    maps.set(url, map);
    return map;
  };
  return (frame) => {
    const map = mapOf(frame.url);
    if (map) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
      if (entry?.originalSource) return entry.originalSource;
    }
    return frame.url;
  };
}

/** A readable path: the package-relative path inside node_modules, the repository-relative path otherwise. */
export function shortSource(source: string): string {
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) return source.slice(nm + "node_modules/".length);
  return source
    .replace(/^(turbopack:\/\/\/)?(\[project\]\/)?/, "")
    .replace(/^(\.\.\/)+/, "")
    .replace(/^file:\/\/.*?\/(src|bench|scripts)\//, "$1/");
}

export function categoryOf(frame: CallFrame, source: string): string {
  if (SPECIAL[frame.functionName] && !frame.url) return SPECIAL[frame.functionName]!;
  for (const [name, test] of CATEGORIES) if (test.test(source)) return name;
  return "other";
}

export interface ProfileSummary {
  /** CPU busy time in the profile (everything but idle), ms. */
  busyMs: number;
  wallMs: number;
  rows: { category: string; ms: number; share: number; msPerRequest: number | null }[];
  topFunctions: { name: string; source: string; ms: number; share: number }[];
}

export function summariseProfile(path: string, requests: number | null): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  // The profiler's own work when it is stopped (building the profile) is not the app's: drop every
  // sample under bench/lib/profile-on-signal.ts.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const underProfiler = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      if (byId.get(cur)!.callFrame.url.includes("profile-on-signal")) return true;
    return false;
  };
  for (const id of [...selfUs.keys()]) if (underProfiler(id)) selfUs.delete(id);
  const resolve = sourceResolver();
  const categories = new Map<string, number>();
  const functions = new Map<string, { name: string; source: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const source = resolve(frame);
    const category = categoryOf(frame, source);
    categories.set(category, (categories.get(category) ?? 0) + us);
    if (category === "idle") continue;
    const short = shortSource(source);
    const key = `${frame.functionName || "(anonymous)"} ${short}`;
    const f = functions.get(key) ?? { name: frame.functionName || "(anonymous)", source: short, us: 0 };
    f.us += us;
    functions.set(key, f);
  }
  const busyUs = [...categories].filter(([c]) => c !== "idle").reduce((a, [, us]) => a + us, 0);
  const rows = [...categories]
    .filter(([c]) => c !== "idle")
    .sort((a, b) => b[1] - a[1])
    .map(([category, us]) => ({ category, ms: us / 1000, share: us / busyUs, msPerRequest: requests ? us / 1000 / requests : null }));
  const topFunctions = [...functions.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 25)
    .map((f) => ({ name: f.name, source: f.source, ms: f.us / 1000, share: f.us / busyUs }));
  return { busyMs: busyUs / 1000, wallMs: (profile.endTime - profile.startTime) / 1000, rows, topFunctions };
}

/**
 * `cpuMsPerRequest`: the server's measured CPU time per request (/proc, bench/lib/load.ts cpuMs). On a
 * shared machine the sampling profiler's busy time also counts time the process waited for a CPU, so
 * the shares are taken from the profile and the milliseconds from the measured CPU time.
 */
export function renderProfileSummary(title: string, s: ProfileSummary, requests: number | null, cpuMsPerRequest: number | null = null): string {
  const perReq = requests ? ` over ${requests} requests: ${(s.busyMs / requests).toFixed(1)} ms of profiled (wall-clock) time per request` : "";
  const cpu = cpuMsPerRequest !== null ? `; measured CPU time **${cpuMsPerRequest.toFixed(1)} ms per request**` : "";
  const msOf = (share: number, fallback: number | null) =>
    cpuMsPerRequest !== null ? (share * cpuMsPerRequest).toFixed(2) : fallback === null ? "–" : fallback.toFixed(2);
  return [
    `### ${title}`,
    "",
    `Busy ${(s.busyMs / 1000).toFixed(1)} s of ${(s.wallMs / 1000).toFixed(1)} s wall (profiler overhead included)${perReq}${cpu}.`,
    "",
    "| where | share of busy CPU | ms / request |",
    "| --- | ---: | ---: |",
    ...s.rows.map((r) => `| ${r.category} | ${(r.share * 100).toFixed(1)} % | ${msOf(r.share, r.msPerRequest)} |`),
    "",
    "<details><summary>Top functions (self time)</summary>",
    "",
    "| function | source | share |",
    "| --- | --- | ---: |",
    ...s.topFunctions.map((f) => `| \`${f.name}\` | ${f.source.slice(-70)} | ${(f.share * 100).toFixed(1)} % |`),
    "",
    "</details>",
    "",
  ].join("\n");
}
