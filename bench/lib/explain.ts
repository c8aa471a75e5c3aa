// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the app issues for each query shape: the app's own
// listTickets() runs in this process against the bench database, its SQL text and parameters are
// captured at the pg client, and then explained with the same parameters. Nothing is re-typed by hand,
// so the plans follow src/ when scoped.ts or list-tickets.ts change.
import type { Actor } from "../../src/auth/actor";

export interface Shape {
  name: string;
  /** The query string of GET /api/tickets, as the route would receive it. */
  query: Record<string, string>;
}

export interface PlanReport {
  name: string;
  sql: string;
  params: unknown[];
  plan: string[];
  executionMs: number | null;
  indexes: string[];
  flags: string[];
}

/** What in a plan deserves a look: sequential scans of tickets, large sorts, large filtered or heap reads. */
export function planFlags(plan: string[]): string[] {
  const flags: string[] = [];
  const actualRows = (line: string) => Number(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(line)?.[1] ?? 0);
  plan.forEach((line, i) => {
    if (/Seq Scan on tickets/.test(line)) flags.push(`SEQ SCAN on tickets (${actualRows(line)} rows)`);
    if (/Sort Method: external/.test(line)) flags.push("sort spilled to disk");
    if (/^(->\s+)?Sort\s+\(/.test(line.trim())) {
      // A sort's input is its child node: the next "->" line below it.
      const child = plan.slice(i + 1).find((l) => l.trim().startsWith("->"));
      const input = child ? actualRows(child) : 0;
      if (input > 1000) flags.push(`sort of ${input} input rows`);
    }
    if (/Bitmap Heap Scan on tickets/.test(line) && actualRows(line) > 5000) flags.push(`bitmap heap scan returns ${actualRows(line)} rows`);
    const removed = /Rows Removed by (Filter|Index Recheck): (\d+)/.exec(line);
    if (removed && Number(removed[2]) > 1000) flags.push(`${removed[2]} rows removed by ${removed[1]!.toLowerCase()}`);
  });
  return [...new Set(flags)];
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** Replaces $1..$n with literals, highest number first so that $1 never eats the start of $10. */
export function inlineParams(text: string, values: unknown[]): string {
  let out = text;
  for (let i = values.length; i >= 1; i--) out = out.replaceAll(`$${i}`, literal(values[i - 1]));
  return out;
}

/** The list query depends only on who the actor is and their role; the other Actor fields are request details. */
export type BenchActor = Pick<Actor, "userId" | "orgId" | "role" | "name">;

export interface Statement {
  text: string;
  values: unknown[];
}

export interface ExplainedStatement {
  plan: string[];
  executionMs: number | null;
  indexes: string[];
  flags: string[];
}

/**
 * The app's modules in this process against `databaseUrl`, with every statement its pool sends recorded:
 * `capture(fn)` runs fn and returns the statements it sent; `explain(s)` runs EXPLAIN (ANALYZE, BUFFERS)
 * on one of them with its parameters inlined as literals (EXPLAIN takes no bind parameters), which gives
 * the same custom plan the app's unnamed, parameterised statement gets.
 */
export async function inProcessApp(databaseUrl: string) {
  // The app's modules read their configuration from the environment on first use.
  process.env.DATABASE_URL = databaseUrl;
  process.env.APP_ENV = "development";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.BETTER_AUTH_SECRET ??= "bench-explain-only-".padEnd(40, "x");
  process.env.LOG_LEVEL = "error";
  const { getPool, closeDb } = await import("../../src/db/client");
  const pool = getPool();
  let captured: Statement[] | null = null;
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as { text?: string; values?: unknown[] } | string;
      // drizzle calls query({ text, rowMode, types }, values); plain pg calls may carry values in the object.
      if (captured && typeof first === "object" && first?.text)
        captured.push({ text: first.text, values: first.values ?? (Array.isArray(args[1]) ? args[1] : []) });
      return original(...args);
    };
  });
  return {
    pool,
    async capture<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
      captured = [];
      try {
        const result = await fn();
        return { result, statements: captured };
      } finally {
        captured = null;
      }
    },
    async explain(statement: Statement): Promise<ExplainedStatement> {
      const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${inlineParams(statement.text, statement.values)}`);
      const plan = rows.map((r) => r["QUERY PLAN"]);
      const indexes = [...new Set(plan.flatMap((l) => /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/.exec(l)?.[1] ?? []))];
      const exec = /Execution Time: ([\d.]+) ms/.exec(plan.join("\n"));
      return { plan, executionMs: exec ? Number(exec[1]) : null, indexes, flags: planFlags(plan) };
    },
    close: closeDb,
  };
}

export async function explainShapes(databaseUrl: string, benchActor: BenchActor, shapes: Shape[]): Promise<PlanReport[]> {
  const actor = { sessionId: "bench", ip: null, userAgent: null, ...benchActor } as unknown as Actor;
  const app = await inProcessApp(databaseUrl);
  const { listTickets } = await import("../../src/domain/tickets/list-tickets");
  const { ZListTicketsQuery } = await import("../../src/domain/tickets/tickets.schemas");
  const reports: PlanReport[] = [];
  try {
    for (const shape of shapes) {
      const { statements } = await app.capture(() => listTickets(actor, ZListTicketsQuery.parse(shape.query)));
      const query = statements.find((c) => /from "tickets"/.test(c.text));
      if (!query) throw new Error(`no tickets query captured for ${shape.name}`);
      const explained = await app.explain(query);
      reports.push({ name: shape.name, sql: query.text, params: query.values, ...explained });
    }
  } finally {
    await app.close();
  }
  return reports;
}
