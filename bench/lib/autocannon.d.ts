// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module "autocannon" {
  interface Stats {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    /** requests.total: completed requests; latency/throughput: their own totals. */
    total: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    /** Rewrites each request before it is sent (e.g. a new X-Forwarded-For every time). */
    requests?: { setupRequest?: (req: { headers?: Record<string, string> } & Record<string, unknown>) => Record<string, unknown> }[];
  }
  interface Result {
    requests: Stats;
    latency: Stats;
    throughput: Stats;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    duration: number;
  }
  interface Instance {
    /** Every response, with its latency in ms. */
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
  }
  function autocannon(opts: Options): Promise<Result>;
  function autocannon(opts: Options, callback: (err: Error | null, result: Result) => void): Instance;
  export type { Options, Result, Stats, Instance };
  export default autocannon;
}
