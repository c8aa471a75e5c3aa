// Issue 14: when the database cannot be reached (a restart, a failover, the pooler), the API answers 503 with
// Retry-After — an error the client knows to retry, as the multi-instance fault run relies on — never a 500.
// Here this worker's app points at a port where nothing listens; the request carries a correctly signed
// session cookie, so the pipeline must ask the database who it is.
import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";

const closedPort = await new Promise<number>((resolve) => {
  const srv = createServer().listen(0, "127.0.0.1", () => {
    const { port } = srv.address() as { port: number };
    srv.close(() => resolve(port));
  });
});
process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${closedPort}/nothing`;

const { isDatabaseUnavailable } = await import("@/db/connection-errors");
const { authCookieName } = await import("@/auth/session-cookie");
const { call } = await import("../support/api");

let refused: unknown;
beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  refused = await client.connect().then(
    () => null,
    (e: unknown) => e,
  );
});

describe("database unavailable", () => {
  it("recognises lost and refused connections, and nothing else", () => {
    expect(isDatabaseUnavailable(refused)).toBe(true);
    for (const code of ["57P01", "57P03", "08006", "53300"]) expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    // Errors of the query itself stay 500s: a constraint, a syntax error, a timeout of a slow statement.
    for (const code of ["23505", "42601", "57014", "40001"]) expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("a signed-in request answers 503 unavailable with Retry-After, not 500", async () => {
    const token = "a-session-token-the-database-would-know";
    const signature = createHmac("sha256", process.env.BETTER_AUTH_SECRET!).update(token).digest("base64");
    const cookie = `${authCookieName("session_token", false)}=${encodeURIComponent(`${token}.${signature}`)}`;
    for (const [method, path] of [
      ["GET", "/api/tickets"],
      ["POST", "/api/tickets"],
    ] as const) {
      const res = await call(method, path, { cookie, body: method === "POST" ? { title: "x" } : undefined });
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(await res.json()).toMatchObject({ error: { code: "unavailable" } });
    }
  });
});
