// Issue 14: behind a transaction-pooling PgBouncer older than 1.21 (Debian 12 ships 1.18) a named prepared
// statement lands on one server connection and is looked for on another ("prepared statement … does not
// exist", found by `npm run ops:cluster-test`). DB_PREPARED_STATEMENTS=false sends the one named statement of
// the app (the session lookup of every signed-in request) unnamed; one pooled connection here, so what it
// prepared is visible in pg_prepared_statements.
process.env.DB_PREPARED_STATEMENTS = "false";
process.env.DB_POOL_MAX = "1";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { call } from "../support/api";
import { createOrg, signIn } from "../support/factory";

describe("DB_PREPARED_STATEMENTS=false", () => {
  it("serves signed-in requests without leaving a named prepared statement on the connection", async () => {
    const org = await createOrg("pooler");
    const cookie = await signIn(org.agent);
    for (let i = 0; i < 3; i++) expect((await call("GET", "/api/tickets", { cookie })).status).toBe(200);
    const { rows } = await db().execute<{ name: string }>(sql`select name from pg_prepared_statements`);
    expect(rows.map((r) => r.name)).not.toContain("session_actor_v2");
    expect(rows).toHaveLength(0);
  });
});
