// Issue 14: lists and search may read from a streaming replica (DATABASE_REPLICA_URL), never for a caller who
// just wrote, and never from a server that is not a standby. The replica's real use — a pg_basebackup
// standby behind PgBouncer, reads counted on it, no stale read after a write — is proven by
// `npm run ops:cluster-test`; here the routing rules, on this run's database given as the "replica" URL.
import { inject } from "vitest";

process.env.DATABASE_REPLICA_URL = inject("databaseUrl");

import { beforeAll, describe, expect, it } from "vitest";
import { READ_YOUR_WRITES_MS, RECENT_WRITE_COOKIE, replicaAllowedFor } from "@/db/read-replica";
import { metrics } from "@/lib/metrics";
import { call, callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
let agent: string;

beforeAll(async () => {
  org = await createOrg("replica");
  agent = await signIn(org.agent);
});

async function reads(target: "replica" | "primary"): Promise<number> {
  return (await metrics().dbReads.get()).values.find((v) => v.labels.target === target)?.value ?? 0;
}

describe("which requests may read from the replica", () => {
  it("a GET without the recent-write cookie may; a write, or a GET right after one, may not", () => {
    expect(replicaAllowedFor("GET", null)).toBe(true);
    expect(replicaAllowedFor("GET", "better-auth.session_token=x")).toBe(true);
    expect(replicaAllowedFor("GET", `a=1; ${RECENT_WRITE_COOKIE}=1`)).toBe(false);
    expect(replicaAllowedFor("POST", null)).toBe(false);
    expect(replicaAllowedFor("PATCH", null)).toBe(false);
    // A look-alike name is not the cookie.
    expect(replicaAllowedFor("GET", `x${RECENT_WRITE_COOKIE}=1`)).toBe(true);
  });

  it("a successful write answers with the read-your-writes cookie; reads and refused writes do not", async () => {
    const created = await call("POST", "/api/tickets", { cookie: agent, body: { title: "replica routing" } });
    expect(created.status).toBe(201);
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith(`${RECENT_WRITE_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toContain(`Max-Age=${READ_YOUR_WRITES_MS / 1000}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");

    const list = await call("GET", "/api/tickets", { cookie: agent });
    expect(list.headers.getSetCookie().some((c) => c.startsWith(RECENT_WRITE_COOKIE))).toBe(false);
    const refused = await call("POST", "/api/tickets", { cookie: agent, body: { title: "" } });
    expect(refused.status).toBe(400);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith(RECENT_WRITE_COOKIE))).toBe(false);
    // Anonymous writes never get it (nothing to read back).
    const anonymous = await call("POST", "/api/tickets", { body: { title: "x" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.getSetCookie().some((c) => c.startsWith(RECENT_WRITE_COOKIE))).toBe(false);
  });

  it("a 'replica' that is not a standby (a promoted server, a wrong URL) is never read from", async () => {
    const [replicaBefore, primaryBefore] = [await reads("replica"), await reads("primary")];
    const res = await callJson("GET", "/api/tickets?q=replica", { cookie: agent });
    expect(res.status).toBe(200);
    expect(res.body.items.some((t: { title: string }) => t.title === "replica routing")).toBe(true);
    expect(await reads("replica")).toBe(replicaBefore);
    expect(await reads("primary")).toBe(primaryBefore + 1);
  });
});
