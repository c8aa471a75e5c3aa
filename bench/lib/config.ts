// Settings shared by the generator and the runner. The bench database is a throwaway local database:
// generate.ts drops and recreates it on every run.

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";

/**
 * BENCH-ONLY password of every generated user. It protects nothing: the bench database lives on
 * 127.0.0.1, is rebuilt from scratch each time and holds only synthetic data. Override with BENCH_PASSWORD.
 */
export const BENCH_PASSWORD = process.env.BENCH_PASSWORD ?? "bench-only-password-not-a-secret";

export interface OrgSpec {
  name: string;
  slug: string;
  tickets: number;
  agents: number;
  requesters: number;
}

/** A skewed split (50/25/15/7/3 %) so that one big tenant exists beside small ones. */
export const ORGS: OrgSpec[] = [
  { name: "Northwind Traders", slug: "northwind", tickets: 50_000, agents: 12, requesters: 4_000 },
  { name: "Globex Corporation", slug: "globex", tickets: 25_000, agents: 8, requesters: 2_000 },
  { name: "Initech", slug: "initech", tickets: 15_000, agents: 6, requesters: 1_200 },
  { name: "Umbrella Health", slug: "umbrella", tickets: 7_000, agents: 4, requesters: 500 },
  { name: "Hooli Labs", slug: "hooli", tickets: 3_000, agents: 3, requesters: 200 },
];

export const BIG_ORG = ORGS[0]!;
export const TEAMS = ["Support", "Billing", "Infrastructure", "Onboarding"] as const;

export const userEmail = (local: string, slug: string) => `${local}@${slug}.bench.test`;
/** The user the runner signs in as: the first (and busiest) agent of the biggest organization. */
export const BENCH_AGENT_EMAIL = userEmail("agent1", BIG_ORG.slug);

/** A tiny deterministic generator, so every machine gets the same data set. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
