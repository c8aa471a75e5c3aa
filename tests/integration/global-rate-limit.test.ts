// Issue 9 item 8: the global per-second cap has two buckets, so anonymous traffic (no cookie, a forged or
// foreign cookie) cannot starve signed-in users. Pages spending the API budget: tests/e2e/client-address.e2e.test.ts.
process.env.RATE_LIMIT_GLOBAL_ANON_PER_SEC = "5";
process.env.RATE_LIMIT_GLOBAL_PER_SEC = "1000";

import { beforeAll, describe, expect, it } from "vitest";
import { callJson, fromIp } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";

// Three kinds of anonymous: no cookie, a forged session cookie, a cookie of something else.
const ANON_COOKIES: Record<string, string>[] = [{}, { cookie: "helpdesk.session_token=forged.signature" }, { cookie: "a=b" }];

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("global");
});

describe("anonymous traffic cannot crowd out signed-in users (issue 9 item 8)", () => {
  it("an anonymous flood spends the anonymous global bucket; a signed-in user in the same second is served", async () => {
    const cookie = await signIn(org.agent);
    const flood = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callJson("GET", "/api/tickets", { headers: { ...fromIp(`203.0.113.${i + 1}`), ...ANON_COOKIES[i % 3] } })),
    );
    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(refused[0]!.body.error.details).toMatchObject({ policy: "api.global_anonymous" });
    const mine = await callJson("GET", "/api/tickets", { cookie, headers: fromIp("203.0.113.100") });
    expect(mine.status).toBe(200);
  });
});
