// npm run audit:verify — verifies every organization's audit chain against its last signed checkpoint,
// records a new checkpoint for each intact chain, prints one JSON line per organization and exits 1 if
// any chain is broken (for cron/CI alerting; the scheduled job does the same).
import { closeDb } from "../src/db/client";
import { verifyAllAuditChains } from "../src/domain/audit/verify-all-chains";

const results = await verifyAllAuditChains();
for (const r of results) console.log(JSON.stringify(r));
await closeDb();
process.exit(results.every((r) => r.ok) ? 0 : 1);
