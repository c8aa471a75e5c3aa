// npm run seed — demo organizations Acme and Globex (D10). Refuses in production; see seed-guard.ts.
import { isDatabaseEmpty, seedDemo } from "../src/db/seed/unsafe-seed-demo";
import { computeSlaDeadlines } from "../src/domain/sla/sla-deadlines";
import { assertSeedAllowed, seedPassword } from "./seed-guard";

export async function seedIfEmpty(databaseUrl: string, source: Readonly<Record<string, string | undefined>> = process.env): Promise<boolean> {
  assertSeedAllowed(source);
  if (!(await isDatabaseEmpty(databaseUrl))) return false;
  const { password, generated } = seedPassword(source);
  const { emails } = await seedDemo(databaseUrl, password, computeSlaDeadlines);
  console.log("\nDemo data created. Sign in with any of:");
  for (const email of emails) console.log(`  ${email}`);
  console.log(generated ? `Password (generated, shown once): ${password}\n` : "Password: the value of SEED_PASSWORD\n");
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required.");
    process.exit(1);
  }
  try {
    const seeded = await seedIfEmpty(url);
    if (!seeded) console.log("Database already has data; nothing seeded.");
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
