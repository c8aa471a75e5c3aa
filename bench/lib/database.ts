// Connections to the bench database, and its drop-and-create.
import pg from "pg";

export function pool(url: string, max = 1): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected bench database name: ${name}`);
  return name;
}

/** Drops and creates the database named in `url`, connecting to the server's `postgres` database to do it. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
