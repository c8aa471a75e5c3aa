// One load measurement: a short warm-up (discarded), then `duration` seconds with `connections` clients.
// Latency percentiles come from every response's own time (autocannon's summary has no p95), and the
// resident memory of a process (the app instance) can be sampled while the load runs.
import { readFileSync } from "node:fs";
import autocannon, { type Result } from "autocannon";

export interface LoadSettings {
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p95: number;
  p97_5: number;
  p99: number;
  requests: number;
  non2xx: number;
  rateLimited: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Largest resident set of the sampled process during the measurement, MB (null: none sampled). */
  rssMaxMb: number | null;
  /**
   * CPU time (user + system, all threads) the sampled process spent per completed request, ms. Unlike
   * wall-clock profiles this does not grow when other work on the machine takes the CPU away.
   */
  cpuMsPerRequest: number | null;
}

/** User + system CPU time of a process so far, ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Resident set size of a process in MB (Linux /proc), or null when it cannot be read. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function run(url: string, headers: Record<string, string>, connections: number, duration: number, latencies?: number[]) {
  return new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration, timeout: 30 }, (err, result) => (err ? reject(err) : resolve(result)));
    if (latencies) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

export async function measure(url: string, headers: Record<string, string>, s: LoadSettings, opts: { rssOf?: number } = {}): Promise<LoadResult> {
  if (s.warmup > 0) await run(url, headers, s.connections, s.warmup);
  const cpuBefore = opts.rssOf ? cpuMs(opts.rssOf) : null;
  let rssMax: number | null = null;
  const sample = () => {
    const mb = opts.rssOf ? rssMb(opts.rssOf) : null;
    if (mb !== null) rssMax = Math.max(rssMax ?? 0, mb);
  };
  const sampler = opts.rssOf ? setInterval(sample, 250) : undefined;
  const latencies: number[] = [];
  try {
    const r = await run(url, headers, s.connections, s.duration, latencies);
    sample();
    const cpuAfter = opts.rssOf ? cpuMs(opts.rssOf) : null;
    latencies.sort((a, b) => a - b);
    const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
    return {
      reqPerSec: r.requests.average,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p97_5: percentile(latencies, 97.5),
      p99: percentile(latencies, 99),
      requests: r.requests.total,
      non2xx: r.non2xx,
      rateLimited: statusCodes["429"] ?? 0,
      errors: r.errors + r.timeouts,
      statusCodes,
      rssMaxMb: rssMax,
      cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && r.requests.total > 0 ? (cpuAfter - cpuBefore) / r.requests.total : null,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}
