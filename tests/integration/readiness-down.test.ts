// S16: readiness is 503 when the database does not answer, while liveness stays 200 (the process is up;
// the load balancer should stop sending traffic, not restart it).
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";

import { describe, expect, it } from "vitest";
import { callJson } from "../support/api";

describe("readiness with the database down (S16)", () => {
  it("answers 503 with the failing check, and liveness stays ok", async () => {
    const ready = await callJson("GET", "/api/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "unavailable", checks: { database: "down" } });
    expect((await callJson("GET", "/api/health")).status).toBe(200);
  });
});
