// The database part of a backup (S23): one pg_dump (custom format) taken in a snapshot this process
// exported, so the row counts and the schema version in the manifest describe exactly what the dump holds,
// however busy the app is meanwhile. The restore side refuses a database that already holds anything
// unless told to replace it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { Conflict } from "@/lib/errors";
import { pgTool, runPgTool } from "./pg-tools";

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "helpdesk-backup" });
  await client.connect();
  return client;
}

/** Rows of every table in the user's schemas (public, drizzle's journal, pg-boss), "schema.table" → count. */
export async function countRows(client: pg.Client | pg.PoolClient): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and ${USER_SCHEMAS} order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`);
    counts[`${t.schema}.${t.name}`] = Number(rows[0]!.n);
  }
  return counts;
}

async function journalTags(): Promise<{ when: number; tag: string }[]> {
  return (JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] }).entries;
}

/** Whether this version of the app knows a schema version (an archive of a newer version's does not). */
export async function knownSchemaVersion(tag: string | null): Promise<boolean> {
  return tag === null || (await journalTags()).some((e) => e.tag === tag);
}

/** The tag of the last migration applied (drizzle records each journal entry's `when` as created_at). */
async function schemaVersion(client: pg.Client): Promise<string | null> {
  const { rows: exists } = await client.query(`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'drizzle' and c.relname = '__drizzle_migrations'`);
  if (exists.length === 0) return null;
  const { rows } = await client.query<{ at: string }>("select max(created_at)::text as at from drizzle.__drizzle_migrations");
  if (rows[0]?.at == null) return null;
  return (await journalTags()).find((e) => String(e.when) === rows[0]!.at)?.tag ?? `unknown migration (${rows[0]!.at})`;
}

export interface DumpResult {
  serverVersion: string;
  schemaVersion: string | null;
  rowCounts: Record<string, number>;
}

/** pg_dump --format=custom of `ownerUrl` into `file`, in a snapshot shared with the counts. */
export async function dumpDatabase(ownerUrl: string, file: string): Promise<DumpResult> {
  const client = await connect(ownerUrl);
  try {
    await client.query("begin isolation level repeatable read read only");
    const { rows } = await client.query<{ snapshot: string; version: string }>(
      "select pg_export_snapshot() as snapshot, current_setting('server_version') as version",
    );
    const { snapshot, version } = rows[0]!;
    // The exporting transaction stays open until pg_dump is done: its snapshot lives only that long.
    const dump = runPgTool(pgTool("pg_dump"), ["--format=custom", `--snapshot=${snapshot}`, `--file=${file}`], ownerUrl);
    const facts = Promise.all([countRows(client), schemaVersion(client)]);
    const [dumped, read] = await Promise.allSettled([dump, facts]);
    if (dumped.status === "rejected") throw dumped.reason;
    if (read.status === "rejected") throw read.reason;
    const [counts, schema] = read.value;
    await client.query("commit");
    return { serverVersion: version, schemaVersion: schema, rowCounts: counts };
  } finally {
    await client.end();
  }
}

/** What the target database already holds: the relations in its user schemas (empty = none). */
export async function existingRelations(ownerUrl: string): Promise<string[]> {
  const client = await connect(ownerUrl);
  try {
    const { rows } = await client.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${USER_SCHEMAS} order by 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Empties the target (with --force): every user schema dropped, an empty public schema made again as
 * PostgreSQL 15 creates it. Needs the database owner, as migrations do.
 */
async function wipe(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(`select n.nspname as name from pg_namespace n where ${USER_SCHEMAS}`);
  await client.query("begin");
  for (const s of rows) await client.query(`drop schema ${client.escapeIdentifier(s.name)} cascade`);
  await client.query("create schema public authorization pg_database_owner");
  await client.query("grant usage on schema public to public");
  await client.query("commit");
}

/**
 * The role the dump's GRANTs name (migration 0004 creates it): a new cluster does not have it yet. Roles
 * live outside any one database, so pg_dump does not carry it.
 */
async function ensureAppRole(client: pg.Client): Promise<void> {
  const { rows } = await client.query("select 1 from pg_roles where rolname = 'helpdesk_app'");
  if (rows.length > 0) return;
  await client.query(`DO $$ BEGIN CREATE ROLE helpdesk_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
}

/**
 * The roles whose default privileges the dump sets (`ALTER DEFAULT PRIVILEGES FOR ROLE <owner>`: the grants
 * migrations' future tables get). pg_restore can set them only as that role or a member of it, so the
 * restore must run as the owner the backup was taken with (or a superuser); checked before anything changes.
 */
export async function assertCanRestoreAs(ownerUrl: string, file: string): Promise<void> {
  const toc = await runPgTool(pgTool("pg_restore"), ["--list", file]);
  const owners = [...new Set(toc.split("\n").flatMap((l) => (/^\d+; \d+ \d+ DEFAULT ACL /.test(l) ? [l.trim().split(/\s+/).at(-1)!] : [])))];
  if (owners.length === 0) return;
  const client = await connect(ownerUrl);
  try {
    const { rows } = await client.query<{ me: string; allowed: boolean }>(
      `select current_user as me, bool_and(case when exists (select 1 from pg_roles r where r.rolname = o) then pg_has_role(current_user, o, 'MEMBER') else false end) as allowed
        from unnest($1::text[]) as o`,
      [owners],
    );
    if (!rows[0]!.allowed) {
      throw Conflict(
        `the backup's database was owned by ${owners.join(", ")}; restore as that role (create it on a new server, as the owner of the empty database, and use it in MIGRATION_DATABASE_URL), not as ${rows[0]!.me}`,
      );
    }
  } finally {
    await client.end();
  }
}

/** pg_restore into `ownerUrl` in one transaction: the database holds all of the dump or none of it. */
export async function restoreDatabase(ownerUrl: string, file: string, opts: { force: boolean }): Promise<void> {
  await assertCanRestoreAs(ownerUrl, file);
  const existing = await existingRelations(ownerUrl);
  if (existing.length > 0 && !opts.force) {
    throw Conflict(
      `the target database is not empty (${existing.length} relations, e.g. ${existing.slice(0, 3).join(", ")}); restore into an empty database, or pass --force to replace its contents`,
    );
  }
  const client = await connect(ownerUrl);
  try {
    if (existing.length > 0) await wipe(client);
    await ensureAppRole(client);
  } finally {
    await client.end();
  }
  // --no-owner: the objects belong to the restoring owner (MIGRATION_DATABASE_URL), whoever owned them before.
  await runPgTool(pgTool("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", file], ownerUrl);
}

/** Row counts of the restored database, read as the owner. */
export async function restoredRowCounts(ownerUrl: string): Promise<Record<string, number>> {
  const client = await connect(ownerUrl);
  try {
    return await countRows(client);
  } finally {
    await client.end();
  }
}
