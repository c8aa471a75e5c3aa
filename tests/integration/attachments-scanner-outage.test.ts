// S11 fail closed: with clamd stopped an upload is held as `pending_scan` (202), never listed to others nor
// served; retryPendingScans() does nothing while clamd is down and completes the file once it is back.
// This file runs its own clamd so stopping it cannot disturb the shared one.
import { existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { attachments, auditEvents } from "@/db/schema";
import { retryPendingScans } from "@/domain/attachments/retry-pending-scans";
import { call, callJson } from "../support/api";
import * as files from "../support/attachment-files";
import { startClamd, stopAndClean, type ClamdHandle } from "../support/clamd";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

const storageDir = inject("storageDir");
let clamd: ClamdHandle;
let org: TestOrg;
let requester: string;
let agent: string;
let ticket: { id: string };

beforeAll(async () => {
  clamd = await startClamd();
  // Read lazily by env() on the first request of this file.
  process.env.CLAMD_HOST = clamd.host;
  process.env.CLAMD_PORT = String(clamd.port);
  process.env.CLAMD_TIMEOUT_MS = "3000";
  process.env.STORAGE_DIR = storageDir;
  org = await createOrg("att-outage");
  requester = await signIn(org.requester);
  agent = await signIn(org.agent);
  ticket = await createTicketAs(requester, { title: "scanner outage" });
});

afterAll(async () => {
  if (clamd) await stopAndClean(clamd);
});

const stored = (area: string, key: string) => existsSync(path.join(storageDir, area, key));
async function row(id: string) {
  const [r] = await db().select().from(attachments).where(eq(attachments.id, id));
  return r!;
}

describe("scanner outage (S11, fail closed)", () => {
  let pendingId: string;
  let pendingVirusId: string;

  it("with clamd up an upload is clean at once", async () => {
    const res = await files.upload(requester, ticket.id, "before.txt", files.text());
    expect(res.status).toBe(201);
  });

  it("with clamd stopped the upload is accepted as pending (202), held privately and served to nobody", async () => {
    await clamd.stop();
    const res = await files.upload(requester, ticket.id, "during.txt", files.text("written while the scanner was down"));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.status).toBe("pending_scan");
    pendingId = res.body.id;
    const r = await row(pendingId);
    expect(r.status).toBe("pending_scan");
    expect(stored("held", r.storageKey)).toBe(true);
    expect(stored("clean", r.storageKey)).toBe(false);

    // The uploader and staff see it waiting (issue 11: staff see every file's scan state); nobody can get a URL for it.
    const own = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: requester });
    expect(own.body.items.find((a: { id: string }) => a.id === pendingId)?.status).toBe("pending_scan");
    const staff = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: agent });
    expect(staff.body.items.find((a: { id: string }) => a.id === pendingId)?.status).toBe("pending_scan");
    for (const cookie of [requester, agent]) expect((await callJson("GET", `/api/attachments/${pendingId}/url`, { cookie })).status).toBe(404);

    const virus = await files.upload(requester, ticket.id, "later-virus.txt", files.eicar());
    expect(virus.status).toBe(202);
    pendingVirusId = virus.body.id;
  });

  it("a retry while clamd is still down changes nothing", async () => {
    const summary = await retryPendingScans();
    expect(summary.scannerUnavailable).toBe(true);
    expect((await row(pendingId)).status).toBe("pending_scan");
    expect((await row(pendingVirusId)).status).toBe("pending_scan");
  });

  it("once clamd is back, retryPendingScans() completes the clean file and quarantines the virus", async () => {
    await clamd.restart();
    const summary = await retryPendingScans();
    expect(summary.scannerUnavailable).toBe(false);
    expect(summary.clean).toBeGreaterThanOrEqual(1);
    expect(summary.quarantined).toBeGreaterThanOrEqual(1);

    const done = await row(pendingId);
    expect(done).toMatchObject({ status: "clean", scanResult: "OK" });
    expect(stored("clean", done.storageKey)).toBe(true);
    expect(stored("held", done.storageKey)).toBe(false);
    const issued = await callJson("GET", `/api/attachments/${pendingId}/url`, { cookie: agent });
    expect(issued.status).toBe(200);
    const file = await call("GET", issued.body.url, { cookie: agent });
    expect(await file.text()).toBe("written while the scanner was down");

    const bad = await row(pendingVirusId);
    expect(bad).toMatchObject({ status: "infected", scanResult: "FOUND Helpdesk.Test.EICAR.UNOFFICIAL" });
    expect(stored("quarantine", bad.storageKey)).toBe(true);
    expect(stored("clean", bad.storageKey) || stored("held", bad.storageKey)).toBe(false);
    const list = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: requester });
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(pendingVirusId);

    const actions = (await db().select().from(auditEvents).where(eq(auditEvents.targetId, pendingVirusId)).orderBy(auditEvents.seq)).map((e) => e.action);
    expect(actions).toEqual(["attachment.uploaded", "attachment.quarantined"]);
  });

  it("a second retry finds nothing left to do", async () => {
    const summary = await retryPendingScans();
    expect(summary).toMatchObject({ clean: 0, quarantined: 0, failed: 0 });
  });
});
