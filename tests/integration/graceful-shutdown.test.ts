// Issue 14 "Graceful shutdown": SIGTERM sent to real child processes while they work.
// - The web server (the real listener, API router and handlers behind listenGracefully, as scripts/serve.ts
//   runs them; tests/support/shutdown-server.ts): readiness goes red first while requests are still served,
//   then the listener closes, an event stream is ended (so its client reconnects elsewhere), the request in
//   flight — a ticket whose body is still arriving — is finished and committed, and the process exits 0.
//   A request that outlives SHUTDOWN_TIMEOUT_MS is cut and the process says so (exit 1).
// - The worker (scripts/worker.ts): a job running when SIGTERM arrives is finished (pg-boss stops fetching
//   and waits for it), then the process exits 0.
import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest, type IncomingMessage } from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { tickets } from "@/db/schema";
import { auditVerifyJob } from "@/jobs/audit-verify.job";
import { startBoss, stopBoss } from "@/jobs/boss";
import { sendJob } from "@/jobs/define-job";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { freePort } from "../support/free-port";
import { createScratchDatabase, type ScratchDatabase } from "../support/scratch-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
let org: TestOrg;
let cookie: string;

beforeAll(async () => {
  org = await createOrg("shutdown");
  cookie = await signIn(org.agent);
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(script: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, APP_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(proc);
  let out = "";
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 45_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ proc, output: () => out, exited });
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`${script} exited with ${code}:\n${out}`)));
  });
}

function logEvents(out: string): Record<string, unknown>[] {
  return out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh connection each time (no agent): what a balancer's health check or a new client does. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: urlPath, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("web server on SIGTERM", () => {
  async function startServer(extra: Record<string, string> = {}) {
    const port = await freePort();
    const child = await launch(
      "tests/support/shutdown-server.ts",
      {
        DATABASE_URL: inject("databaseUrl"),
        BETTER_AUTH_SECRET: inject("authSecret"),
        APP_URL: `http://127.0.0.1:${port}`,
        PORT: String(port),
        SHUTDOWN_DRAIN_DELAY_MS: "1500",
        SHUTDOWN_TIMEOUT_MS: "8000",
        ...extra,
      },
      /listening \d+/,
    );
    return { port, child };
  }

  /** POST /api/tickets whose body arrives in two parts: the request is in flight until `finish()`. */
  function slowCreate(port: number, title: string) {
    const body = JSON.stringify({ title, descriptionMd: "written while the server shuts down" });
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/tickets",
      agent: false,
      headers: { cookie, origin: `http://127.0.0.1:${port}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      req.on("response", (res: IncomingMessage) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
      });
      req.on("error", reject);
    });
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    return { response, finish: () => req.end(body.slice(half)) };
  }

  /** GET /api/events: resolves `opened` on the first bytes and `ended` when the server ends the stream. */
  function openStream(port: number) {
    let opened!: () => void;
    const openedP = new Promise<void>((r) => (opened = r));
    const ended = new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/api/events", agent: false, headers: { cookie, accept: "text/event-stream" } }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => {
          bytes += c.length;
          opened();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
    return { opened: openedP, ended };
  }

  it("turns readiness red first, ends event streams, finishes the request in flight, closes and exits 0", async () => {
    const { port, child } = await startServer();
    expect((await get(port, "/api/ready")).status).toBe(200);
    const stream = openStream(port);
    await stream.opened;
    const title = `in flight ${Date.now()}`;
    const create = slowCreate(port, title);
    await sleep(200);

    const signalledAt = Date.now();
    child.proc.kill("SIGTERM");
    await sleep(300);
    // 1. Red at once, while the listener still accepts (a balancer's check sees it before anything closes).
    const ready = await get(port, "/api/ready");
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: "draining" });
    // …and a request that still arrives in that window is served.
    expect((await get(port, "/api/health")).status).toBe(200);

    // 2. After the drain delay: the stream is ended by the server (the client reconnects elsewhere)…
    const ended = await stream.ended;
    expect(ended.status).toBe(200);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1400);
    // …and new connections are refused.
    await sleep(100);
    await expect(get(port, "/api/health")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(child.proc.exitCode).toBeNull();

    // 3. The request in flight completes, with Connection: close, and its ticket is committed.
    create.finish();
    const answer = await create.response;
    expect(answer.status, answer.body).toBe(201);
    expect(answer.connection).toBe("close");
    const [row] = await db().select({ id: tickets.id }).from(tickets).where(eq(tickets.title, title));
    expect(row?.id).toBe(JSON.parse(answer.body).id);

    // 4. Pools closed, exit 0, and the log tells the story in order.
    expect(await child.exited).toBe(0);
    const events = logEvents(child.output()).map((e) => e.event);
    expect(events.filter((e) => typeof e === "string" && e.startsWith("shutdown."))).toEqual(["shutdown.signal", "shutdown.draining", "shutdown.done"]);
    const done = logEvents(child.output()).find((e) => e.event === "shutdown.done")!;
    // At the close: the event stream (ended right then) and the ticket being written.
    expect(done).toMatchObject({ forced: false, inFlightAtClose: 2 });
  });

  it("cuts a request that outlives SHUTDOWN_TIMEOUT_MS and exits 1, writing nothing half-done", async () => {
    const { port, child } = await startServer({ SHUTDOWN_DRAIN_DELAY_MS: "200", SHUTDOWN_TIMEOUT_MS: "1000" });
    const title = `never finished ${Date.now()}`;
    const create = slowCreate(port, title);
    const outcome = create.response.then(
      () => "answered",
      (e: NodeJS.ErrnoException) => e.code,
    );
    await sleep(200);
    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(1);
    // The client sees a reset (an error it can retry), never a success; nothing was written.
    expect(await outcome).toBe("ECONNRESET");
    expect(await db().select().from(tickets).where(eq(tickets.title, title))).toHaveLength(0);
    expect(logEvents(child.output()).some((e) => e.event === "shutdown.forced")).toBe(true);
  });
});

describe("worker on SIGTERM", () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    // A database of its own: the test locks a whole table to keep a job running.
    scratch = await createScratchDatabase("shutdown");
    await runMigrations(scratch.url);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it("finishes the job it is running, then stops pg-boss and exits 0", async () => {
    const worker = await launch(
      "scripts/worker.ts",
      { DATABASE_URL: scratch.url, MIGRATION_DATABASE_URL: scratch.url, BETTER_AUTH_SECRET: inject("authSecret") },
      /"event":"worker.started"/,
    );
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      // The audit verification reads the organizations first: while this transaction holds the table, the
      // job the worker takes stays running.
      await admin.query("BEGIN");
      await admin.query("LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE");
      const jobs = new pg.Client({ connectionString: scratch.url });
      await jobs.connect();
      try {
        const boss = await startBoss(scratch.url, { schedule: false });
        await sendJob(boss, auditVerifyJob, {});
        await stopBoss(boss);
        const active = async () =>
          (await jobs.query(`SELECT state::text FROM pgboss.job WHERE name = 'audit-verify' ORDER BY created_on DESC LIMIT 1`)).rows[0]?.state;
        const deadline = Date.now() + 20_000;
        while ((await active()) !== "active") {
          if (Date.now() > deadline) throw new Error(`the worker never took the job:\n${worker.output()}`);
          await sleep(200);
        }
        worker.proc.kill("SIGTERM");
        await sleep(1500);
        // Still running its job: not exited, the job still active.
        expect(worker.proc.exitCode).toBeNull();
        expect(await active()).toBe("active");
        await admin.query("COMMIT");
        expect(await worker.exited).toBe(0);
        expect(await active()).toBe("completed");
      } finally {
        await jobs.end();
      }
    } finally {
      await admin.end().catch(() => undefined);
    }
    const events = logEvents(worker.output()).map((e) => e.event);
    expect(events).toContain("worker.stopping");
    expect(events).toContain("worker.stopped");
  });
});
