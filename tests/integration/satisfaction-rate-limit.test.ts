// Issue 13, S8: the satisfaction link's public door is metered like every request without a session
// (api.anonymous, per address), so guessing tokens costs the guesser their budget: at the production
// default the 61st guess in a minute is 429 with Retry-After, and another address's real link still works.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { satisfactionRatings, satisfactionRequests } from "@/db/schema";
import { newLinkToken } from "@/lib/link-token";
import { callJson, fromIp } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let ticketId: string;

beforeAll(async () => {
  org = await createOrg("csat-limit");
  ticketId = (await createTicketAs(await signIn(org.requester), { title: "Limits", descriptionMd: "x" })).id;
});

describe("satisfaction link rate limit (S8)", () => {
  it("an address guessing links gets 429 after its anonymous budget; a real link from elsewhere still answers", async () => {
    const guesser = fromIp("198.51.100.77");
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof callJson>> | undefined;
    for (let i = 0; i < 61; i++) {
      last = await callJson("POST", `/api/satisfaction/${newLinkToken().token}`, { body: { rating: "bad" }, headers: guesser });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);

    const { token, tokenHash } = newLinkToken();
    await db()
      .insert(satisfactionRequests)
      .values({
        organizationId: org.id,
        ticketId,
        resolution: 1,
        requesterId: org.requester.id,
        priority: "normal",
        tokenHash,
        resolvedAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    // Even the right token is refused from the spent address…
    expect((await callJson("POST", `/api/satisfaction/${token}`, { body: { rating: "good" }, headers: guesser })).status).toBe(429);
    // …and answers from another.
    const res = await callJson("POST", `/api/satisfaction/${token}`, { body: { rating: "good" }, headers: fromIp("198.51.100.78") });
    expect(res.status).toBe(201);
    expect(await db().select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId))).toHaveLength(1);
  });
});
