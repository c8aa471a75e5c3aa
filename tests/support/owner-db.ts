// A connection as the database owner WITHOUT the app's role and with triggers off for this session only:
// the attacker the audit chain is built against (a DBA or a stolen superuser password).
import pg from "pg";

export async function ownerConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("SET session_replication_role = replica");
  return client;
}
