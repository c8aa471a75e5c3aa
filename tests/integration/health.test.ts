import { describe, expect, it } from "vitest";
import { callJson } from "../support/api";

describe("health (S16)", () => {
  it("liveness answers ok without a session", async () => {
    const res = await callJson("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("readiness pings the database", async () => {
    const res = await callJson("GET", "/api/ready");
    expect(res.status).toBe(200);
    expect(res.body.checks.database).toBe("ok");
  });
});
