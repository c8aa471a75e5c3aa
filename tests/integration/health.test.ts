import { describe, expect, it } from "vitest";
import { getPool } from "@/db/client";
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

  it("100 readiness calls, at once and one after another, run at most a couple of database queries (S16)", async () => {
    let queries = 0;
    const counted = () => queries++;
    getPool().on("acquire", counted);
    try {
      const together = await Promise.all(Array.from({ length: 50 }, () => callJson("GET", "/api/ready")));
      const inTurn = [];
      for (let i = 0; i < 50; i++) inTurn.push(await callJson("GET", "/api/ready"));
      expect([...together, ...inTurn].every((r) => r.status === 200 && r.body.checks.database === "ok")).toBe(true);
    } finally {
      getPool().off("acquire", counted);
    }
    expect(queries).toBeLessThanOrEqual(2);
  });
});
