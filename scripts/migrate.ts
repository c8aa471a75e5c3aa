// npm run migrate — applies the SQL migrations in src/db/migrations to DATABASE_URL.
import { runMigrations } from "../src/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required (npm start sets it for the embedded database).");
  process.exit(1);
}
await runMigrations(url);
console.log("migrations applied");
