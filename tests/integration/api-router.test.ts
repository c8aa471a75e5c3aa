// Issue 15: the JSON API is served by our own router (src/server/api-dispatch.ts) behind our HTTP
// server's listener, not by Next. Real HTTP into the real listener and router (tests/support/gate-server.ts),
// real route handlers and database behind: the controls the listener and the pipeline apply hold on this
// path too, for every spelling of a path and every header a client can send.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_HEADER, clientHeaderValue } from "@/auth/client-ip";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { streamRegistry } from "@/domain/events/stream-registry";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { startGateServer, type GateServer } from "../support/gate-server";

let server: GateServer;
let org: TestOrg;
let cookie: string;
beforeAll(async () => {
  org = await createOrg("router");
  cookie = await signIn(org.agent);
  server = await startGateServer(0);
});
afterAll(async () => {
  await server?.stop();
});

const http = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });
const withCookie = (headers: Record<string, string> = {}) => ({ cookie, ...headers });

describe("routing as Next routes, answered as an API", () => {
  it("a signed-in list, one ticket and a write go through the pipeline with the API's headers", async () => {
    const created = await http("/api/tickets", {
      method: "POST",
      headers: withCookie({ "content-type": "application/json", origin: "http://localhost:3000" }),
      body: JSON.stringify({ title: "through the router" }),
    });
    expect(created.status).toBe(201);
    const ticket = (await created.json()) as { id: string };
    const one = await http(`/api/tickets/${ticket.id}`, { headers: withCookie() });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBeTruthy();
    const list = await http("/api/tickets?limit=5", { headers: withCookie() });
    expect(list.status).toBe(200);
    for (const res of [one, list]) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.headers.get("ratelimit-limit")).toBeTruthy();
    }
  });

  it("unknown API paths, odd spellings and path tricks are JSON 404s from the router, never Next's pages", async () => {
    for (const path of ["/api/nope", "/api/tickets/x/y/z", "/%61pi/me", "/api/%74ickets", "/app/../api/nope", "//api/nope"]) {
      const res = await http(path, { headers: withCookie() });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/json");
      expect(res.headers.get("content-security-policy"), path).toContain("default-src 'none'");
    }
    // Dot segments and folded slashes that do name a route reach it through the router.
    for (const path of ["/app/../api/me", "//api/me", "/api/tickets/../me"]) {
      const res = await http(path, { headers: withCookie() });
      expect(res.status, path).toBe(200);
      expect(((await res.json()) as { id: string }).id, path).toBe(org.agent.id);
    }
  });

  it("HEAD, OPTIONS and a method the route lacks are answered as Next answers them; a trailing slash or empty segment is a 404", async () => {
    const head = await http("/api/me", { method: "HEAD", headers: withCookie() });
    expect([head.status, await head.text()]).toEqual([200, ""]);
    const options = await http("/api/tickets", { method: "OPTIONS", headers: withCookie() });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    const put = await http("/api/tickets", { method: "PUT", headers: withCookie({ "content-type": "application/json" }), body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("POST");
    for (const path of ["/api/tickets/?limit=1", "/api//tickets", "/api/me/", "/api/auth/sign-in/email/"]) {
      const res = await http(path, { headers: withCookie() });
      expect(res.status, path).toBe(404);
    }
  });

  it("a target that is not a path (absolute URL, '*') is refused before routing", async () => {
    const { request } = await import("node:http");
    const url = new URL(server.url);
    for (const target of ["http://evil.example/api/me", "*"]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: target, method: target === "*" ? "OPTIONS" : "GET", headers: { cookie } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      expect(status, target).toBe(400);
    }
  });
});

describe("streams through the router", () => {
  it("the event stream opens over HTTP and ends on the server when the client goes away", async () => {
    const registry = streamRegistry();
    const before = registry.size;
    const client = new AbortController();
    const res = await http("/api/events", { headers: withCookie({ accept: "text/event-stream" }), signal: client.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("retry:");
    await expect.poll(() => registry.size).toBe(before + 1);
    client.abort();
    await expect.poll(() => registry.size, { timeout: 5000 }).toBe(before);
  });
});

describe("the listener's controls hold in front of the router", () => {
  it("the client's own copy of the server's address header is dropped, however it is spelled", async () => {
    // The address decides budgets and goes into audit rows: a forged one must never be believed. A
    // requester's denied request is audited with the address the app resolved (the socket's here).
    const requester = await signIn(org.requester);
    const forged = clientHeaderValue("198.51.100.77");
    const spellings: Record<string, string>[] = [
      { [CLIENT_HEADER]: forged },
      { [CLIENT_HEADER.toUpperCase()]: forged },
      { [CLIENT_HEADER]: "wrong-token 198.51.100.77" },
    ];
    for (const headers of spellings) {
      const res = await http("/api/directory", { headers: { cookie: requester, ...headers } });
      expect(res.status).toBe(403);
      const [event] = await db()
        .select({ ip: auditEvents.ip })
        .from(auditEvents)
        .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "access.denied")))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      expect(event!.ip).toBe("127.0.0.1");
    }
  });

  it("cross-site writes carrying the session cookie are 403 over HTTP: Origin, Sec-Fetch-Site, PATCH and DELETE", async () => {
    const create = await http("/api/tickets", {
      method: "POST",
      headers: withCookie({ "content-type": "application/json", origin: "https://evil.example" }),
      body: JSON.stringify({ title: "forged" }),
    });
    expect(create.status).toBe(403);
    const fetchMeta = await http("/api/tickets", {
      method: "POST",
      headers: withCookie({ "content-type": "application/json", "sec-fetch-site": "cross-site" }),
      body: JSON.stringify({ title: "forged" }),
    });
    expect(fetchMeta.status).toBe(403);
    const del = await http("/api/account/sessions/00000000-0000-4000-8000-000000000000", {
      method: "DELETE",
      headers: withCookie({ "sec-fetch-site": "same-site" }),
    });
    expect(del.status).toBe(403);
  });

  it("bodies over the cap are 413: declared at the listener, chunked in the pipeline", async () => {
    const declared = await http("/api/tickets", {
      method: "POST",
      headers: withCookie({ "content-type": "application/json", "content-length": String(2 * 1024 * 1024) }),
      body: "x".repeat(10),
    }).catch((e: Error) => e);
    // The listener answers before reading and closes: fetch sees the 413 or a closed socket.
    if (!(declared instanceof Error)) expect(declared.status).toBe(413);
    const chunked = await http("/api/tickets", {
      method: "POST",
      headers: withCookie({ "content-type": "application/json", origin: "http://localhost:3000" }),
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(`{"title":"${"x".repeat(300 * 1024)}"}`));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("a forged or garbage cookie is anonymous: 401, never a signed-in answer", async () => {
    const forged = cookie.replace(/session_token=([^.;]+)/, "session_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const badSignature = cookie.replace(/(session_token=[^.;]+\.)([^;]{4})/, "$1AAAA");
    expect(badSignature).not.toBe(cookie);
    for (const c of [forged, "helpdesk.session_token=garbage", badSignature]) {
      const res = await http("/api/me", { headers: { cookie: c } });
      expect(res.status, c).toBe(401);
    }
  });
});

describe("doors the API attack pass found beside the router (B3, B4, B7)", () => {
  it("a method no API route has (TRACE, PROPFIND, PURGE; an unknown word is the parser's 400) is a JSON 405, never a 500", async () => {
    const { request } = await import("node:http");
    const send = (method: string) =>
      new Promise<{ status: number; type: string }>((resolve, reject) => {
        const req = request(`${server.url}/api/me`, { method, headers: withCookie() }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]) });
        });
        req.on("error", reject);
        req.end();
      });
    for (const method of ["TRACE", "PROPFIND", "PURGE"]) {
      const res = await send(method);
      expect(res.status, method).toBe(405);
      expect(res.type, method).toContain("application/json");
    }
  });

  it("Next's image optimizer is no door to the API, however its path is spelled", async () => {
    for (const path of [
      "/_next/image?url=%2Fapi%2Ftickets&w=64&q=75",
      "/_next/image/?url=/api/me&w=64&q=75",
      "//_next//image?url=/api/me",
      "/_NEXT/image?url=/api/me",
      "/%5Fnext/image?url=/api/me",
    ]) {
      const res = await http(path, { headers: withCookie() });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain("tickets");
    }
  });

  it("a body nested thousands deep is a 400 on the auth endpoints and the API, never a stack overflow", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const headers = withCookie({ "content-type": "application/json", origin: "http://localhost:3000" });
    for (const path of ["/api/auth/sign-in/email", "/api/tickets"]) {
      const res = await http(path, { method: "POST", headers, body: deep });
      expect(res.status, path).toBe(400);
    }
    // An ordinary nesting is still read: a ticket with tags in an object is no problem.
    const fine = await http("/api/tickets", { method: "POST", headers, body: JSON.stringify({ title: "nested fine", descriptionMd: "x" }) });
    expect(fine.status).toBe(201);
  });

  it("auth answers about a person are never cached (list-sessions, get-session)", async () => {
    for (const path of ["/api/auth/list-sessions", "/api/auth/get-session"]) {
      const res = await http(path, { headers: withCookie() });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});
