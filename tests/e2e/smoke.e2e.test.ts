// CI smoke test of the running production build (S16): liveness and readiness over real HTTP.
import { describe, expect, inject, it } from "vitest";

describe("smoke: the built app serves health and readiness (S16)", () => {
  it("GET /api/health is ok", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /api/ready pings the database", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ready", checks: { database: "ok" } });
  });

  it("/app redirects an anonymous visitor to the sign-in page", async () => {
    const res = await fetch(`${inject("baseUrl")}/app`, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/app\/sign-in/);
  });
});
