// The shared pipeline: a session that ends or a user who is deactivated stops working on the next request
// (S3 groundwork), a cross-site write with a cookie is refused (S4 groundwork), and every API request
// leaves one structured log line with its request id, user, organization, route, status and latency (S13).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { callJson } from "../support/api";
import { createOrg, setUserActive, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("pipeline");
});
afterEach(() => vi.restoreAllMocks());

describe("sessions", () => {
  it("a deactivated user's existing session is refused on the next request", async () => {
    const cookie = await signIn(org.agent2);
    expect((await callJson("GET", "/api/tickets", { cookie })).status).toBe(200);
    await setUserActive(org.agent2.id, false);
    expect((await callJson("GET", "/api/tickets", { cookie })).status).toBe(401);
    await setUserActive(org.agent2.id, true);
  });

  it("after sign-out the old cookie no longer works", async () => {
    const cookie = await signIn(org.requester2);
    const out = await callJson("POST", "/api/auth/sign-out", { cookie, body: {} });
    expect(out.status).toBe(200);
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(401);
  });

  it("a wrong password is refused with 401 and no cookie", async () => {
    const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: org.agent.email, password: "not-the-password" } });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().filter((c) => c.includes("session_token=") && !c.includes("Max-Age=0"))).toHaveLength(0);
  });

  it("the session cookie is HttpOnly and SameSite=Lax, and the token never appears in a body page scripts can read", async () => {
    const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: org.agent.email, password: "correct-horse-battery-staple" } });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("token");
    expect(res.body.user.email).toBe(org.agent.email);
    const session = res.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });
});

describe("cross-site requests", () => {
  it("a cross-site POST, PATCH or DELETE carrying the session cookie is refused with 403", async () => {
    const cookie = await signIn(org.agent);
    const create = await callJson("POST", "/api/tickets", { cookie, body: { title: "forged" }, headers: { origin: "https://evil.example" } });
    expect(create.status).toBe(403);
    const byFetchMetadata = await callJson("POST", "/api/tickets", { cookie, body: { title: "forged" }, headers: { "sec-fetch-site": "cross-site" } });
    expect(byFetchMetadata.status).toBe(403);
    const list = await callJson("GET", "/api/tickets?q=forged", { cookie });
    expect(list.body.items).toHaveLength(0);
  });

  it("a same-origin write passes", async () => {
    const cookie = await signIn(org.agent);
    const ok = await callJson("POST", "/api/tickets", { cookie, body: { title: "legit" }, headers: { "sec-fetch-site": "same-origin" } });
    expect(ok.status).toBe(201);
  });
});

describe("request logs (S13)", () => {
  it("one line per API request with request id, user, organization, route, status and latency", async () => {
    const cookie = await signIn(org.agent);
    const info = vi.spyOn(logger, "info");
    const res = await callJson("GET", "/api/tickets?limit=1", { cookie, headers: { "x-request-id": "req-12345678" } });
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
    const line = info.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o.event === "http.request");
    expect(line).toMatchObject({ requestId: "req-12345678", route: "tickets.list", method: "GET", status: 200, userId: org.agent.id, orgId: org.id });
    expect(typeof line!.latencyMs).toBe("number");
  });

  it("sign-in attempts are logged with their outcome and never the password", async () => {
    const info = vi.spyOn(logger, "info");
    await callJson("POST", "/api/auth/sign-in/email", { body: { email: org.agent.email, password: "wrong-password-123" } });
    const line = info.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o.event === "auth.sign_in");
    expect(line).toMatchObject({ outcome: "failure", status: 401 });
    expect(JSON.stringify(info.mock.calls)).not.toContain("wrong-password-123");
  });

  it("an unexpected error is a generic 500 JSON body and is logged with its request id", async () => {
    const cookie = await signIn(org.agent);
    const { route } = await import("@/http/route");
    const error = vi.spyOn(logger, "error");
    const boom = route({ name: "test.boom" }, async () => {
      throw new Error("db exploded: password=hunter2");
    });
    const res = await boom(new Request("http://localhost:3000/api/x", { headers: { cookie } }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: { code: "internal", message: "Something went wrong" } });
    expect(error.mock.calls[0]![0]).toMatchObject({ event: "http.unhandled_error", route: "test.boom" });
  });
});

describe("credential endpoints (S4: login CSRF)", () => {
  it("a cross-site sign-in is refused even without a cookie, and so is a form-encoded one", async () => {
    const crossSite = await callJson("POST", "/api/auth/sign-in/email", {
      body: { email: org.agent.email, password: "correct-horse-battery-staple" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie()).toEqual([]);

    const form = await callJson("POST", "/api/auth/sign-in/email", {
      rawBody: `email=${encodeURIComponent(org.agent.email)}&password=correct-horse-battery-staple`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.headers.getSetCookie()).toEqual([]);
  });

  it("cross-site PATCH and DELETE with the session cookie are refused too", async () => {
    const cookie = await signIn(org.agent);
    const t = await callJson("POST", "/api/tickets", { cookie, body: { title: "csrf target" } });
    const patch = await callJson("PATCH", `/api/tickets/${t.body.id}`, { cookie, body: { status: "closed" }, headers: { origin: "https://evil.example" } });
    expect(patch.status).toBe(403);
    const sessions = await callJson("GET", "/api/account/sessions", { cookie });
    const del = await callJson("DELETE", `/api/account/sessions/${sessions.body.items[0].id}`, { cookie, headers: { "sec-fetch-site": "same-site" } });
    expect(del.status).toBe(403);
    expect((await callJson("GET", `/api/tickets/${t.body.id}`, { cookie })).body.status).toBe("open");
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(200);
  });
});
