// Webhooks cannot be aimed at the server's own network (request forgery, S9, issue 9 item 1): with private
// destinations refused (the production default), saving such a URL is a 400, and the outbox worker —
// the function the app runs — refuses every spelling of a local receiver that is really listening, which
// then receives nothing, while the delivery log says only "destination refused". A delivery connects to the
// address that was checked (DNS answered once), follows no redirect, and the log's texts for failures
// cannot tell a closed port from a silent one.
process.env.WEBHOOK_ALLOW_PRIVATE = "false";

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer as createTlsServer, createSecureContext } from "node:tls";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { outboxMessages, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { fixedClock, setClock } from "@/lib/clock";
import { privateWebhooksAllowed } from "@/lib/env";
import { DELIVERY_FAILED, DESTINATION_REFUSED, postWebhook } from "@/lib/webhooks/post-webhook";
import type { LookupAll } from "@/lib/webhooks/public-destination";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";

type Receiver = { server: Server; port: number; hits: { url: string; headers: IncomingHttpHeaders }[] };

/** A local HTTP server that records every request and answers with `respond` (default 204). */
async function receiver(
  host: string,
  port = 0,
  respond: (res: import("node:http").ServerResponse) => void = (res) => res.writeHead(204).end(),
): Promise<Receiver> {
  const hits: Receiver["hits"] = [];
  const server = createServer((req, res) => {
    hits.push({ url: req.url ?? "", headers: req.headers });
    req.resume();
    respond(res);
  });
  await new Promise<void>((r, j) => server.once("error", j).listen({ port, host, ipv6Only: false }, r));
  return { server, port: (server.address() as AddressInfo).port, hits };
}
const close = (r: Receiver) => new Promise((done) => r.server.close(done));

const msg = { id: "00000000-0000-4000-8000-000000000001", event: "test", body: "{}" };
const secret = "s".repeat(32);

let org: TestOrg;
let admin: string;
let local: Receiver; // dual-stack on every local address: reachable as 127.0.0.1, ::1 and ::ffff:127.0.0.1

beforeAll(async () => {
  org = await createOrg("ssrf");
  admin = await signIn(org.admin);
  local = await receiver("::");
});
afterAll(async () => {
  await close(local);
});

describe("saving a webhook URL (S9, issue 9 item 1)", () => {
  it("this file runs with production's setting: private destinations refused", () => {
    expect(privateWebhooksAllowed()).toBe(false);
  });

  it("an admin cannot save a URL for loopback, private or metadata addresses in any spelling", async () => {
    const p = local.port;
    const urls = [
      "http://127.0.0.1:5432/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5/hook",
      "http://localhost:6379/",
      `http://[::ffff:127.0.0.1]:${p}/hook`,
      `http://[::ffff:7f00:1]:${p}/hook`,
      `http://[::127.0.0.1]:${p}/`,
      `http://[64:ff9b::127.0.0.1]:${p}/`,
      `http://[2002:7f00:1::]:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.1:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://localhost.:${p}/`,
      `http://[::1]:${p}/`,
      "http://0/",
    ];
    for (const url of urls) {
      const res = await callJson("PUT", "/api/admin/webhook", { cookie: admin, body: { url, secret, active: true } });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBeTruthy();
      expect(res.body.error.details?.[0]?.path, url).toBe("url");
      expect(JSON.stringify(res.body), url).toContain("public address");
    }
    expect(local.hits).toHaveLength(0);
  });

  it("refuses credentials in the URL with its own message", async () => {
    // A credential in a URL is the very input this test refuses.
    const withCredentials = ["https://user:pass@8.8.8.8/hook", "https://token@8.8.8.8/hook"]; // secretlint-disable-line
    for (const url of withCredentials) {
      const res = await callJson("PUT", "/api/admin/webhook", { cookie: admin, body: { url, secret, active: true } });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ path: "url", message: expect.stringContaining("user name or password") });
    }
  });
});

describe("the outbox worker with private destinations refused (S9, issue 9 item 1)", () => {
  // URLs saved before this check existed (or while WEBHOOK_ALLOW_PRIVATE was on) are still in the table:
  // the worker must refuse them at delivery. Each one reaches the listening receiver when allowed.
  const spellings = (p: number) => [
    `http://[::ffff:127.0.0.1]:${p}/hook`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${p}/hook`,
    `http://[::1]:${p}/hook`,
    `http://127.0.0.1:${p}/hook`,
    `http://2130706433:${p}/hook`,
    `http://0x7f.0.0.1:${p}/hook`,
    `http://0177.0.0.1:${p}/hook`,
    `http://127.1:${p}/hook`,
    `http://localhost:${p}/hook`,
    `http://0.0.0.0:${p}/hook`,
  ];

  it("each spelling really reaches the local receiver when private destinations are allowed (the attack is live)", async () => {
    for (const url of spellings(local.port)) {
      const before = local.hits.length;
      const r = await postWebhook({ url, secret }, msg, new Date(), { allowPrivate: true, timeoutMs: 3_000 });
      expect(r, url).toMatchObject({ ok: true, statusCode: 204 });
      expect(local.hits.length, url).toBe(before + 1);
    }
  });

  it("refuses every spelling: the receiver gets nothing and the log says only 'destination refused'", async () => {
    const hitsBefore = local.hits.length;
    // Due in the future and delivered for this organization only, so the other files' workers (which
    // allow private receivers) never lease these messages and ours never leases theirs.
    const due = new Date(Date.now() + 24 * 3600_000);
    for (const url of [...spellings(local.port), `http://127.0.0.1:${local.port + 1}/closed-port`]) {
      await db()
        .insert(webhookEndpoints)
        .values({ organizationId: org.id, url, secret, active: true })
        .onConflictDoUpdate({ target: webhookEndpoints.organizationId, set: { url } });
      const [m] = await db()
        .insert(outboxMessages)
        .values({
          organizationId: org.id,
          channel: "webhook",
          eventType: "ticket.created",
          payload: { event: "ticket.created", body: "{}" },
          nextAttemptAt: due,
        })
        .returning();
      const restore = setClock(fixedClock(due));
      try {
        await deliverOutbox({ organizationId: org.id });
      } finally {
        restore();
      }
      const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, m!.id));
      expect(row, url).toMatchObject({ status: "pending", attempts: 1, lastError: DESTINATION_REFUSED });
      const log = await db()
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.organizationId, org.id), eq(webhookDeliveries.outboxId, m!.id)));
      expect(log, url).toHaveLength(1);
      expect(log[0], url).toMatchObject({ statusCode: null, error: DESTINATION_REFUSED });
    }
    expect(local.hits.length).toBe(hitsBefore);

    // What the admin API shows from the log: no status, no address, no port, no system error text.
    const res = await callJson("GET", "/api/admin/webhook", { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.body.deliveries.length).toBeGreaterThanOrEqual(11);
    for (const d of res.body.deliveries) expect(d).toMatchObject({ statusCode: null, error: DESTINATION_REFUSED });
    for (const u of res.body.undelivered) expect(u.lastError).toBe(DESTINATION_REFUSED);
    const shown = JSON.stringify({ deliveries: res.body.deliveries, undelivered: res.body.undelivered });
    expect(shown).not.toMatch(/ECONN|ETIMEDOUT|EHOSTUNREACH|127\.0\.0\.1|::1|ffff/);
  });

  it("a name with one private answer among public ones is refused; nothing is sent", async () => {
    const mixed: LookupAll = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ];
    const r = await postWebhook({ url: `http://hooks.example.test:${local.port}/hook`, secret }, msg, new Date(), { lookup: mixed, timeoutMs: 500 });
    expect(r).toMatchObject({ ok: false, statusCode: null, error: DESTINATION_REFUSED });
  });
});

describe("connecting to the address that was checked (DNS rebinding, issue 9 item 1)", () => {
  it("a second DNS answer pointing at loopback is never used: the checked public address is the one dialled", async () => {
    const hitsBefore = local.hits.length;
    const asked: string[] = [];
    // First answer public (checked, passes), every later answer loopback (what a rebinding server does).
    const rebinding: LookupAll = async (host) => {
      asked.push(host);
      return [{ address: asked.length === 1 ? "192.0.43.10" : "127.0.0.1", family: 4 }];
    };
    const r = await postWebhook({ url: `http://rebind.example.test:${local.port}/hook`, secret }, msg, new Date(), { lookup: rebinding, timeoutMs: 500 });
    expect(asked).toEqual(["rebind.example.test"]);
    // The public test address is not reachable from here: the attempt fails, with the generic text.
    expect(r).toMatchObject({ ok: false, statusCode: null, error: DELIVERY_FAILED });
    expect(local.hits.length).toBe(hitsBefore);
  });

  it("the socket goes to the pinned address even when both answers are local (observed on two loopback addresses)", async () => {
    // Two receivers on the same port: 127.0.0.2 is what the first DNS answer says, 127.0.0.1 what a second
    // lookup would say. Only the first may see the call, and with the original Host header.
    const first = await receiver("127.0.0.2");
    const second = await receiver("127.0.0.1", first.port).catch(() => null);
    try {
      let n = 0;
      const lookup: LookupAll = async () => [{ address: ++n === 1 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
      const r = await postWebhook({ url: `http://pinned.example.test:${first.port}/hook?x=1`, secret }, msg, new Date(), {
        allowPrivate: true,
        lookup,
        timeoutMs: 3_000,
      });
      expect(r).toMatchObject({ ok: true, statusCode: 204 });
      expect(n).toBe(1);
      expect(first.hits).toHaveLength(1);
      expect(first.hits[0]).toMatchObject({ url: "/hook?x=1", headers: expect.objectContaining({ host: `pinned.example.test:${first.port}` }) });
      expect(second?.hits ?? []).toHaveLength(0);
    } finally {
      await close(first);
      if (second) await close(second);
    }
  });
});

describe("https to a pinned address (issue 9 item 1)", () => {
  it("TLS is checked against the URL's host name, which SNI carries, not the dialled address", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "webhook-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=hooks.example.test",
        "-addext",
        "subjectAltName=DNS:hooks.example.test",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const context = createSecureContext({ key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) });
    const sni: (string | undefined)[] = [];
    const tls = createTlsServer(
      {
        SNICallback: (name, cb) => {
          sni.push(name);
          cb(null, context);
        },
      },
      (socket) => socket.end("HTTP/1.1 204 No Content\r\n\r\n"),
    );
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    try {
      const lookup: LookupAll = async () => [{ address: "127.0.0.1", family: 4 }];
      const r = await postWebhook({ url: `https://hooks.example.test:${(tls.address() as AddressInfo).port}/hook`, secret }, msg, new Date(), {
        allowPrivate: true,
        lookup,
        timeoutMs: 3_000,
      });
      // The self-signed certificate is not trusted: verification is on, and the failure text is generic.
      expect(r).toMatchObject({ ok: false, statusCode: null, error: DELIVERY_FAILED });
      expect(sni).toEqual(["hooks.example.test"]);
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });
});

describe("no redirects, and a log that is no oracle (issue 9 item 1)", () => {
  let target: Receiver;
  beforeAll(async () => {
    target = await receiver("127.0.0.1");
  });
  afterAll(async () => {
    await close(target);
  });

  it("a 30x answer pointing at an internal host is not followed, whatever the status", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const redirector = await receiver("127.0.0.1", 0, (res) => res.writeHead(status, { location: `http://127.0.0.1:${target.port}/internal` }).end());
      try {
        // Even with private destinations allowed (so the redirector itself is reachable here).
        const r = await postWebhook({ url: `http://127.0.0.1:${redirector.port}/hook`, secret }, msg, new Date(), { allowPrivate: true, timeoutMs: 3_000 });
        expect(r, String(status)).toMatchObject({ ok: false, statusCode: status, error: `HTTP ${status}` });
        expect(redirector.hits).toHaveLength(1);
      } finally {
        await close(redirector);
      }
    }
    expect(target.hits).toHaveLength(0);
  });

  it("a closed port, a silent service and a reset connection all read 'delivery failed'; an answer's body is never kept", async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const resetting = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => resetting.listen(0, "127.0.0.1", r));
    const talkative = await receiver("127.0.0.1", 0, (res) => res.writeHead(500, { "content-type": "text/plain" }).end("redis_version:7.0.15 INTERNAL-SECRET"));
    try {
      const post = (port: number) => postWebhook({ url: `http://127.0.0.1:${port}/hook`, secret }, msg, new Date(), { allowPrivate: true, timeoutMs: 400 });
      const closedPort = (silent.address() as AddressInfo).port + 1;
      const results = [await post(closedPort), await post((silent.address() as AddressInfo).port), await post((resetting.address() as AddressInfo).port)];
      for (const r of results) expect(r).toMatchObject({ ok: false, statusCode: null, error: DELIVERY_FAILED });
      const answered = await post(talkative.port);
      expect(answered).toMatchObject({ ok: false, statusCode: 500, error: "HTTP 500" });
      expect(JSON.stringify(answered)).not.toContain("INTERNAL-SECRET");
    } finally {
      silent.closeAllConnections();
      resetting.closeAllConnections();
      await new Promise((r) => silent.close(r));
      await new Promise((r) => resetting.close(r));
      await close(talkative);
    }
  });
});
