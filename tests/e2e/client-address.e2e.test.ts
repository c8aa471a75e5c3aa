// Issue 9 items 4, 7 and 8 over real HTTP, through the app's own server (scripts/serve.ts) with its own
// settings: the socket decides the client's address unless a trusted proxy hop says otherwise; oversized,
// anonymous and over-cap bodies are answered before they are received; pages spend the API read budget.
import { request } from "node:http";
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { startAppServer, type AppServer } from "../support/app-server";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";

let direct: AppServer; // no proxy in front: TRUST_PROXY_HOPS=0
let proxied: AppServer; // one trusted proxy: TRUST_PROXY_HOPS=1
let org: TestOrg;

beforeAll(async () => {
  const base = { databaseUrl: inject("databaseUrl"), authSecret: inject("authSecret") };
  const limits = { RATE_LIMIT_ANON_PER_MIN: "5", RATE_LIMIT_READS_PER_MIN: "8", SIGN_IN_MAX_FAILURES: "5", MAX_BODY_BYTES: "65536" };
  [direct, proxied, org] = await Promise.all([
    startAppServer({ ...base, env: { ...limits, TRUST_PROXY_HOPS: "0" } }),
    startAppServer({ ...base, env: { ...limits, RATE_LIMIT_ANON_PER_MIN: "3", TRUST_PROXY_HOPS: "1" } }),
    createOrg("addr-http"),
  ]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

const get = (server: AppServer, path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers, redirect: "manual" });
const origin = () => direct.baseUrl;

describe("the socket is the client's address (issue 9 item 4)", () => {
  it("anonymous budget: rotating X-Forwarded-For, X-Real-IP and the server's own header buys nothing", async () => {
    const spoofs: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.1" },
      { "x-real-ip": "203.0.113.2" },
      { "x-helpdesk-client": "guess 203.0.113.3" },
      { "x-forwarded-for": "::ffff:203.0.113.4" },
      { "x-forwarded-for": "203.0.113.5, 198.51.100.5" },
    ];
    for (const h of spoofs) expect((await get(direct, "/api/tickets", h)).status).toBe(401);
    const sixth = await get(direct, "/api/tickets", { "x-forwarded-for": "192.0.2.99" });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("behind one trusted proxy, the entry that proxy appended decides, not what the client put before it", async () => {
    for (let i = 0; i < 3; i++) expect((await get(proxied, "/api/tickets", { "x-forwarded-for": `6.6.6.${i}, 203.0.113.50` })).status).toBe(401);
    expect((await get(proxied, "/api/tickets", { "x-forwarded-for": "7.7.7.7, 203.0.113.50" })).status).toBe(429);
    expect((await get(proxied, "/api/tickets", { "x-forwarded-for": `${"x".repeat(90)}, 203.0.113.50` })).status).toBe(429);
    // Another client of the proxy has its own budget.
    expect((await get(proxied, "/api/tickets", { "x-forwarded-for": "203.0.113.51" })).status).toBe(401);
  });

  it("sign-in: failures with a new forwarded address each time still count against the socket; the audit row has the real address", async () => {
    const existing = await createUser(org.id, org.slug, "http-target", "agent");
    const attempt = (email: string, spoof: string) =>
      fetch(`${direct.baseUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: origin(), "x-forwarded-for": spoof, "user-agent": "A".repeat(4000) },
        body: JSON.stringify({ email, password: "wrong-password-123" }),
      });
    expect((await attempt(existing.email, "9".repeat(70))).status).toBe(401);
    for (let i = 1; i < 5; i++) expect((await attempt(`nobody${i}@${org.slug}.test`, `198.51.100.${i}`)).status).toBe(401);
    expect((await attempt(`nobody9@${org.slug}.test`, "198.51.100.250")).status).toBe(429);

    // The server writes sign-in audit rows off the response's timing path (issue 9 item 9): wait for it.
    const latest = async () =>
      (
        await db()
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "auth.sign_in_failed"), eq(auditEvents.targetId, existing.id)))
          .orderBy(desc(auditEvents.seq))
          .limit(1)
      )[0];
    await expect.poll(async () => (await latest())?.ip ?? null).not.toBeNull();
    expect(["127.0.0.1", "::1"]).toContain((await latest())?.ip);
  });
});

/** Sends the headers and a first piece of a body, then waits for an answer without sending the rest. */
function answerBeforeBody(server: AppServer, path: string, headers: Record<string, string | number>, firstChunk: Buffer) {
  return new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
    let sent = firstChunk.length;
    const req = request({ host: "127.0.0.1", port: server.port, method: "POST", path, headers: { origin: origin(), ...headers } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        clearInterval(drip);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytes: sent });
      });
    });
    req.on("error", (e) => (e.message.includes("EPIPE") || e.message.includes("ECONNRESET") ? undefined : reject(e)));
    req.write(firstChunk);
    // Keep the request open with a trickle, as a slow or hostile client would; never finish it.
    const drip = setInterval(() => {
      if (req.destroyed) return;
      req.write(Buffer.alloc(1024, 0x61));
      sent += 1024;
    }, 50);
    setTimeout(() => {
      clearInterval(drip);
      req.destroy();
      reject(new Error("no answer before the body was complete"));
    }, 10_000);
  });
}

describe("bodies are refused before they are received (issue 9 item 7)", () => {
  const ticket = `/api/tickets/${randomUUID()}/attachments`;

  it("a declared length over the largest accepted body: 413 at once, for any path", async () => {
    for (const path of [ticket, "/api/tickets", "/app/tickets/new"]) {
      const res = await answerBeforeBody(
        direct,
        path,
        { "content-type": "multipart/form-data; boundary=x", "content-length": 200 * 1024 * 1024 },
        Buffer.alloc(1024),
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: "too_large" } });
      expect(res.sentBytes).toBeLessThan(1024 * 1024);
    }
  });

  it("an anonymous upload (declared or chunked) is refused before its body is read", async () => {
    const declared = await answerBeforeBody(
      direct,
      ticket,
      { "content-type": "multipart/form-data; boundary=x", "content-length": 9 * 1024 * 1024 },
      Buffer.alloc(1024),
    );
    const chunked = await answerBeforeBody(
      direct,
      ticket,
      { "content-type": "multipart/form-data; boundary=x", "transfer-encoding": "chunked" },
      Buffer.alloc(1024),
    );
    const json = await answerBeforeBody(
      direct,
      "/api/tickets",
      { "content-type": "application/json", "transfer-encoding": "chunked" },
      Buffer.from('{"title":"'),
    );
    for (const res of [declared, chunked, json]) {
      expect([401, 429]).toContain(res.status);
      expect(res.sentBytes).toBeLessThan(1024 * 1024);
    }
  });

  it("pages take no bodies: a POST or a GET with a body is answered before it arrives (Next would buffer it)", async () => {
    const post = await answerBeforeBody(
      direct,
      "/app/sign-in",
      { "content-type": "application/x-www-form-urlencoded", "content-length": 10_000_000 },
      Buffer.alloc(1024),
    );
    const chunkedPost = await answerBeforeBody(direct, "/app", { "content-type": "text/plain", "transfer-encoding": "chunked" }, Buffer.alloc(1024));
    const getWithBody = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: direct.port, method: "GET", path: "/app/sign-in", headers: { "content-length": 5_000_000 } }, (res) => {
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (e) => (e.message.includes("ECONNRESET") ? undefined : reject(e)));
      req.write(Buffer.alloc(1024));
    });
    expect([post.status, chunkedPost.status, getWithBody]).toEqual([405, 405, 413]);
    expect(post.sentBytes).toBeLessThan(1024 * 1024);
    // Pages themselves still answer (through the proxied server: this address's page budget is spent here).
    expect((await get(proxied, "/app/sign-in", { "x-forwarded-for": "203.0.113.77" })).status).toBe(200);
  });

  it("a signed-in chunked JSON body past MAX_BODY_BYTES: 413 without waiting for its end", async () => {
    const cookie = await signIn(await createUser(org.id, org.slug, "chunky", "agent"));
    const res = await answerBeforeBody(
      direct,
      "/api/tickets",
      { cookie, "content-type": "application/json", "transfer-encoding": "chunked" },
      Buffer.from(`{"title":"${"a".repeat(70_000)}`),
    );
    expect(res.status).toBe(413);
  });
});

describe("pages spend the API read budget (issue 9 item 8)", () => {
  it("after the API answers 429, the queue page does not run its search: it answers 429 too", async () => {
    const cookie = await signIn(await createUser(org.id, org.slug, "reader", "agent"));
    for (let i = 0; i < 8; i++) expect((await get(direct, "/api/tickets?q=printer", { cookie })).status).toBe(200);
    expect((await get(direct, "/api/tickets?q=printer", { cookie })).status).toBe(429);
    for (const path of ["/app?q=printer", "/app/notifications", `/app/tickets/${randomUUID()}`]) {
      const page = await get(direct, path, { cookie });
      expect(page.status).toBe(307);
      const location = page.headers.get("location") ?? "";
      expect(location).toMatch(/\/app\/too-many-requests\?retryAfter=\d+/);
      const landing = await get(direct, location.replace(/^https?:\/\/[^/]+/, ""), { cookie });
      expect(landing.status).toBe(429);
      expect(Number(landing.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("and the other way round: pages first, then the API is refused", async () => {
    const cookie = await signIn(await createUser(org.id, org.slug, "browser", "agent"));
    for (let i = 0; i < 8; i++) expect((await get(direct, "/app", { cookie })).status).toBe(200);
    expect((await get(direct, "/app", { cookie })).status).toBe(307);
    expect((await get(direct, "/api/tickets", { cookie })).status).toBe(429);
  });
});
