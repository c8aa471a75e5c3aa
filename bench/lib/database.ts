// Connections to the bench database, and its drop-and-create.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runMigrations } from "../../src/db/migrate";

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

/**
 * A fresh, migrated database named `<prefix>_<random>` on the server of `adminUrl`, for a bench that needs
 * its own for one run. `admin` stays connected (to read pg_stat_database, say); `drop()` removes both.
 */
export async function throwawayDatabase(adminUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    name,
    url: url.toString(),
    admin,
    async drop() {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Starts timing a generation step; calling the result prints "  label: 12.3 s". */
export function step(label: string): () => void {
  const started = performance.now();
  return () => console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
