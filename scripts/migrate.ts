// npm run migrate — applies the SQL migrations in src/db/migrations as the database owner:
// MIGRATION_DATABASE_URL, or DATABASE_URL when unset (development). In production DATABASE_URL is a
// member-only login of helpdesk_app that cannot create or alter tables (issue 9 item 3).
import { runMigrations } from "../src/db/migrate";
import { installJobSchema } from "../src/jobs/boss";

const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("MIGRATION_DATABASE_URL or DATABASE_URL is required (npm start sets it for the embedded database).");
  process.exit(1);
}
await runMigrations(url);
// With a separate owner URL the app's login cannot create pg-boss's schema or queues itself.
if (process.env.MIGRATION_DATABASE_URL) await installJobSchema(url);
console.log("migrations applied");
