// Issue 9 items 4 and 8 in-process (route handlers, real Postgres): the client cannot choose its own
// address, every spelling of an address is one budget, and audit rows record the real address and never
// fail on what a client sent. Over real HTTP through our
// server: tests/e2e/client-address.e2e.test.ts.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();
// The per-address budgets are under test here, not the global per-second cap (global-rate-limit.test.ts).
process.env.RATE_LIMIT_GLOBAL_ANON_PER_SEC = "100000";

import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_HEADER } from "@/auth/client-ip";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { callJson, fromIp } from "../support/api";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg } from "../support/factory";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("addr");
});
afterEach(() => vi.restoreAllMocks());

const signInAs = (email: string, password: string, headers: Record<string, string>) =>
  callJson("POST", "/api/auth/sign-in/email", { body: { email, password }, headers });

async function latestEvent(action: string, targetId: string) {
  await settleSecurityAudits(); // sign-in audit writes run off the response's timing path (issue 9 item 9)
  const [row] = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

describe("the client's address is not the client's to choose (issue 9 item 4)", () => {
  it("a new X-Forwarded-For, X-Real-IP or forged server header per request gives no fresh anonymous budget", async () => {
    const real = fromIp("198.51.100.40");
    for (let i = 0; i < 60; i++) {
      const spoof: Record<string, string> = i % 3 === 0 ? { "x-forwarded-for": `203.0.113.${i}` } : i % 3 === 1 ? { "x-real-ip": `203.0.113.${i}` } : {};
      expect((await callJson("GET", "/api/tickets", { headers: { ...real, ...spoof } })).status).toBe(401);
    }
    const next = await callJson("GET", "/api/tickets", { headers: { ...real, "x-forwarded-for": "192.0.2.1", "x-real-ip": "192.0.2.2" } });
    expect(next.status).toBe(429);
    // A client that writes the server's own header without this process's token is "unknown", not 192.0.2.3.
    const forged = await callJson("GET", "/api/tickets", { headers: { [CLIENT_HEADER]: "guess 192.0.2.3" } });
    const forgedAgain = await callJson("GET", "/api/tickets", { headers: { [CLIENT_HEADER]: "other-guess 192.0.2.3" } });
    expect([forged.status, forgedAgain.status]).toEqual([401, 401]);
  });

  it("IPv4-mapped IPv6 spellings and addresses of one IPv6 /64 share one budget", async () => {
    for (let i = 0; i < 30; i++) expect((await callJson("GET", "/api/tickets", { headers: fromIp("198.51.100.41") })).status).toBe(401);
    for (let i = 0; i < 30; i++)
      expect((await callJson("GET", "/api/tickets", { headers: fromIp(i % 2 ? "::ffff:198.51.100.41" : "::ffff:c633:6429") })).status).toBe(401);
    expect((await callJson("GET", "/api/tickets", { headers: fromIp("198.51.100.41") })).status).toBe(429);

    for (let i = 1; i <= 60; i++) expect((await callJson("GET", "/api/tickets", { headers: fromIp(`2001:db8:7:8::${i.toString(16)}`) })).status).toBe(401);
    expect((await callJson("GET", "/api/tickets", { headers: fromIp("2001:db8:7:8:dead:beef:0:1") })).status).toBe(429);
    expect((await callJson("GET", "/api/tickets", { headers: fromIp("2001:db8:7:9::1") })).status).toBe(401);
  });

  it("five failures sent 'from' a victim's address in X-Forwarded-For do not lock the victim out", async () => {
    const victim = await createUser(org.id, org.slug, "victim", "agent");
    const attacker = fromIp("198.51.100.66");
    for (let i = 0; i < 5; i++) {
      const other = `nobody${i}@${org.slug}.test`;
      expect((await signInAs(other, "wrong-password-xyz", { ...attacker, "x-forwarded-for": "192.0.2.200", "x-real-ip": "192.0.2.200" })).status).toBe(401);
    }
    // The attacker's own address is spent, whatever header it sends next…
    expect((await signInAs(`nobody9@${org.slug}.test`, "wrong-password-xyz", { ...attacker, "x-forwarded-for": "192.0.2.201" })).status).toBe(429);
    // …and the victim, at 192.0.2.200, signs in.
    expect((await signInAs(victim.email, TEST_PASSWORD, fromIp("192.0.2.200"))).status).toBe(200);
  });

  it("sign-in failures from addresses of one IPv6 /64 count as one client", async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await signInAs(`nobody-v6-${i}@${org.slug}.test`, "wrong-password-xyz", fromIp(`2001:db8:aa:bb::${i}`));
      expect(res.status).toBe(401);
    }
    expect((await signInAs(`nobody-v6-9@${org.slug}.test`, "wrong-password-xyz", fromIp("2001:db8:aa:bb:1:2:3:4"))).status).toBe(429);
    expect((await signInAs(`nobody-v6-9@${org.slug}.test`, "wrong-password-xyz", fromIp("::ffff:198.51.100.99"))).status).toBe(401);
  });

  it("audit rows carry the real address; a forged or oversized header never makes the write fail", async () => {
    const target = await createUser(org.id, org.slug, "audited", "agent");
    const res = await signInAs(target.email, "wrong-password-abc", {
      ...fromIp("::ffff:198.51.100.77"),
      "x-forwarded-for": `${"9".repeat(80)}, 10.0.0.1`,
      "user-agent": "U".repeat(5000),
    });
    expect(res.status).toBe(401);
    const row = await latestEvent("auth.sign_in_failed", target.id);
    expect(row).toMatchObject({ ip: "198.51.100.77" });
    expect(row!.userAgent!.length).toBeLessThanOrEqual(512);
  });

  it("recordSecurityEvent bounds what it is given, and a write that cannot happen is logged and counted, not swallowed", async () => {
    await recordSecurityEvent({
      organizationId: org.id,
      actorId: null,
      action: "test.bounded",
      targetType: "route",
      targetId: "t".repeat(1000),
      ip: "x".repeat(100),
      userAgent: "u".repeat(3000),
    });
    const [row] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "test.bounded")));
    expect(row).toMatchObject({ ip: null });
    expect(row!.targetId!.length).toBe(200);

    const error = vi.spyOn(logger, "error");
    const before = (await metrics().auditWriteFailures.get()).values.find((v) => v.labels.action === "test.orphan")?.value ?? 0;
    await recordSecurityEvent({ organizationId: "00000000-0000-4000-8000-000000000000", actorId: null, action: "test.orphan", targetType: "route" });
    const after = (await metrics().auditWriteFailures.get()).values.find((v) => v.labels.action === "test.orphan")?.value ?? 0;
    expect(after).toBe(before + 1);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ event: "audit.record_failed", action: "test.orphan" }), expect.any(String));
  });
});
