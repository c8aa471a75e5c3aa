import { runMigrations } from "@/db/migrate";
import { installJobSchema } from "@/jobs/boss";

/**
 * The migrations up, as `npm run migrate`, `npm start` and `npm run restore` run them: the SQL migrations as
 * the owner, and pg-boss's schema and queues when the app logs in separately (it cannot create them itself).
 */
export async function migrateUp(ownerUrl: string, opts: { separateOwner: boolean }): Promise<void> {
  await runMigrations(ownerUrl);
  if (opts.separateOwner) await installJobSchema(ownerUrl);
}
