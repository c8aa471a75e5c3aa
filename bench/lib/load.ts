// One load measurement: a short warm-up (discarded), then `duration` seconds with `connections` clients.
import autocannon from "autocannon";

export interface LoadSettings {
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p97_5: number;
  p99: number;
  requests: number;
  non2xx: number;
  rateLimited: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export async function measure(url: string, headers: Record<string, string>, s: LoadSettings): Promise<LoadResult> {
  if (s.warmup > 0) await autocannon({ url, headers, connections: s.connections, duration: s.warmup });
  const r = await autocannon({ url, headers, connections: s.connections, duration: s.duration, timeout: 30 });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    rateLimited: statusCodes["429"] ?? 0,
    errors: r.errors + r.timeouts,
    statusCodes,
  };
}
