// Attack pass 2 (D3): dates a client chooses — a cursor's position, the audit log's day filter, an export's
// range — that JavaScript accepts but a PostgreSQL timestamp cannot hold (year 0, year 10000). Each was a
// 500 that any signed-in user (a requester, through the ticket list's cursor) could produce at will; they
// are the client's mistake: a 400, whatever the door.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
let admin: string;
let requester: string;

const cursor = (at: string) => Buffer.from(JSON.stringify(["created", [at, "00000000-0000-4000-8000-000000000000"]])).toString("base64url");

beforeAll(async () => {
  org = await createOrg("out-of-range-dates");
  [admin, requester] = await Promise.all([signIn(org.admin), signIn(org.requester)]);
});

describe("dates outside what the database holds", () => {
  it("a list cursor at year 0 is a 400 for a requester (tickets, notifications)", async () => {
    for (const path of ["/api/tickets", "/api/notifications"]) {
      const res = await callJson("GET", `${path}?cursor=${cursor("0000-01-01T00:00:00Z")}`, { cookie: requester });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code).toBe("invalid");
    }
    // A cursor in range still works.
    expect((await callJson("GET", `/api/tickets?cursor=${cursor("2026-01-01T00:00:00Z")}`, { cookie: requester })).status).toBe(200);
  });

  it("the audit log's day filters at year 0 and 9999 are 400s", async () => {
    for (const q of ["from=0000-01-01", "to=9999-12-31", "from=0000-01-01&to=9999-12-31"]) {
      const res = await callJson("GET", `/api/admin/audit?${q}`, { cookie: admin });
      expect(res.status, `${q} ${JSON.stringify(res.body)}`).toBe(400);
    }
    expect((await callJson("GET", "/api/admin/audit?from=0001-01-01&to=9999-12-30", { cookie: admin })).status).toBe(200);
  });

  it("an export range starting at year 0 is a 400, and nothing is queued", async () => {
    const res = await callJson("POST", "/api/exports", { cookie: admin, body: { format: "csv", from: "0000-01-01", to: "0001-01-01" } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const list = await callJson("GET", "/api/exports", { cookie: admin });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain("0000-01-01");
  });
});
