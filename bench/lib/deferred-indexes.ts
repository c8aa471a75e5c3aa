// Bulk-load speed-up: drop the indexes and constraints of the given tables before loading and recreate
// them afterwards from the exact definitions the migrations created (pg_indexes.indexdef,
// pg_get_constraintdef), so the benchmarked indexes are the app's, not copies that could drift. One
// sorted build beats millions of incremental b-tree and GIN updates by a wide margin, and one
// set-based check of each foreign key beats a trigger per row. Recreated keys are validated in full:
// a generator bug fails the load rather than leaving rows the app could not have written.
import type pg from "pg";

interface Definition {
  name: string;
  table: string;
  sql: string;
}

/**
 * `parallel` connections rebuild at once (different indexes of one table may build side by side);
 * primary and unique keys come first, then the other indexes, then the foreign keys that need them.
 */
export async function withIndexesDeferred(
  client: pg.PoolClient,
  tables: string[],
  load: () => Promise<void>,
  opts: { parallel?: pg.PoolClient[]; onRebuilt?: (name: string, ms: number) => void } = {},
): Promise<string[]> {
  // Foreign keys on these tables, and those of other tables that point at them (dropped with the key).
  const { rows: foreign } = await client.query<Definition>(
    `select c.conname as name, c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as sql
     from pg_constraint c
     where c.contype = 'f' and c.connamespace = 'public'::regnamespace
       and (c.conrelid::regclass::text = any($1::text[]) or c.confrelid::regclass::text = any($1::text[]))
     order by c.conname`,
    [tables.map((t) => `"${t}"`).concat(tables)],
  );
  const { rows: keys } = await client.query<Definition>(
    `select c.conname as name, c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as sql
     from pg_constraint c
     where c.contype in ('p', 'u') and c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text = any($1::text[])
     order by c.conname`,
    [tables.map((t) => `"${t}"`).concat(tables)],
  );
  const { rows: indexes } = await client.query<Definition>(
    `select i.indexname as name, i.tablename as table, i.indexdef as sql from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1::text[])
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
     order by i.indexname`,
    [tables],
  );

  for (const f of foreign) await client.query(`alter table ${f.table} drop constraint "${f.name}"`);
  for (const k of keys) await client.query(`alter table ${k.table} drop constraint "${k.name}"`);
  for (const i of indexes) await client.query(`drop index "${i.name}"`);

  await load();

  const workers = opts.parallel?.length ? opts.parallel : [client];
  const rebuild = async (statements: { name: string; sql: string }[]) => {
    const queue = [...statements];
    await Promise.all(
      workers.map(async (w) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const started = performance.now();
          await w.query(next.sql);
          opts.onRebuilt?.(next.name, performance.now() - started);
        }
      }),
    );
  };
  // Biggest tables first so the long builds overlap with the short ones.
  await rebuild(keys.map((k) => ({ name: k.name, sql: `alter table ${k.table} add constraint "${k.name}" ${k.sql}` })));
  await rebuild(indexes.map((i) => ({ name: i.name, sql: i.sql })));
  await rebuild(foreign.map((f) => ({ name: f.name, sql: `alter table ${f.table} add constraint "${f.name}" ${f.sql}` })));
  return [...keys, ...indexes, ...foreign].map((d) => d.name);
}
