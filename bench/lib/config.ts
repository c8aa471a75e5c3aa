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

/** The biggest organization, the same at every scale: the runner signs in as its busiest agent. */
export const BIG_ORG = { name: "Northwind Traders", slug: "northwind" } as const;
const NAMED = [
  BIG_ORG,
  { name: "Globex Corporation", slug: "globex" },
  { name: "Initech", slug: "initech" },
  { name: "Umbrella Health", slug: "umbrella" },
  { name: "Hooli Labs", slug: "hooli" },
];
const NAME_PARTS = [
  ["Blue", "Northern", "Summit", "Harbor", "Granite", "Silver", "Maple", "Cedar", "Atlas", "Crescent"],
  ["Logistics", "Dental", "Foods", "Robotics", "Insurance", "Media", "Energy", "Clinics", "Freight", "Software"],
];
export const TEAMS = ["Support", "Billing", "Infrastructure", "Onboarding"] as const;

export interface Scale {
  label: string;
  tickets: number;
  /** Average comments per ticket (closed tickets have more, open ones fewer). */
  commentsPerTicket: number;
  orgs: OrgSpec[];
}

/**
 * `--scale=100k` (default), `--scale=1m`, or any `<n>[k|m]`. One organization in ten thousand tickets
 * (at least five), the biggest holding 30 %; the others follow a 1/rank curve, so a few are large and
 * most are small — 1m gives 100 organizations from 300,000 tickets down to about 1,700. Staff and
 * requesters grow with an organization's size; five comments per ticket on average.
 */
export function scaleFrom(argv: string[]): Scale {
  const arg = argv.find((a) => a.startsWith("--scale="))?.slice("--scale=".length) ?? process.env.BENCH_SCALE ?? "100k";
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(arg.trim());
  if (!m) throw new Error(`--scale must look like 100k, 1m or 250000 (got "${arg}")`);
  const tickets = Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6, "": 1 } as Record<string, number>)[m[2]!.toLowerCase()]!);
  if (tickets < 1_000 || tickets > 5_000_000) throw new Error("--scale must be between 1k and 5m tickets");
  return { label: arg, tickets, commentsPerTicket: 5, orgs: orgSizes(tickets) };
}

function orgSizes(total: number): OrgSpec[] {
  const count = Math.max(5, Math.round(total / 10_000));
  const biggest = Math.round(total * 0.3);
  const weights = Array.from({ length: count - 1 }, (_, i) => 1 / (i + 2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = [biggest, ...weights.map((w) => Math.max(1, Math.floor(((total - biggest) * w) / sum)))];
  sizes[1]! += total - sizes.reduce((a, b) => a + b, 0); // rounding remainder
  return sizes.map((tickets, i) => {
    const named = NAMED[i] ?? {
      name: `${NAME_PARTS[0]![i % 10]} ${NAME_PARTS[1]![Math.floor(i / 10) % 10]}${i >= 100 ? ` ${Math.floor(i / 100) + 1}` : ""}`,
      slug: `org-${i + 1}`,
    };
    const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));
    return { ...named, tickets, agents: clamp(tickets / 4_000, 3, 80), requesters: clamp(tickets / 15, 20, 20_000) };
  });
}

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
