// An empty database of its own for a test that needs a whole database (backup and restore, S23), on the
// same server as the run's database, dropped by the test when it is done.
import { randomBytes } from "node:crypto";
import pg from "pg";

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops it (closing any connection still open) and, with `recreate`, makes it again empty. */
  drop(opts?: { recreate?: boolean }): Promise<void>;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `helpdesk_${label}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: (opts) =>
      admin(async (c) => {
        await c.query(`drop database if exists ${name} with (force)`);
        if (opts?.recreate) await c.query(`create database ${name}`);
      }),
  };
}

/** The relations in a database's own schemas: [] for an empty one. */
export async function relationsIn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' order by 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}
