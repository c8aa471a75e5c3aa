// npm run migrate — applies the SQL migrations in src/db/migrations as the database owner:
// MIGRATION_DATABASE_URL, or DATABASE_URL when unset (development). In production DATABASE_URL is a
// member-only login of helpdesk_app that cannot create or alter tables (issue 9 item 3).
import { migrateUp } from "../src/ops/migrate-up";

const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("MIGRATION_DATABASE_URL or DATABASE_URL is required (npm start sets it for the embedded database).");
  process.exit(1);
}
// With a separate owner URL the app's login cannot create pg-boss's schema or queues itself.
await migrateUp(url, { separateOwner: Boolean(process.env.MIGRATION_DATABASE_URL) });
console.log("migrations applied");
