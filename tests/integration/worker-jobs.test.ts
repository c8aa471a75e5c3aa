// The worker process's other jobs, run through real pg-boss: an export requested over the API is produced
// by the exports job (S18), and the audit job verifies every chain and leaves a signed checkpoint (S12).
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointStore } from "@/domain/audit/checkpoints";
import { registerWorkers } from "@/jobs/worker";
import { startBoss, stopBoss } from "@/jobs/boss";
import { sendJob } from "@/jobs/define-job";
import { JOBS } from "@/jobs/index";
import { callJson } from "../support/api";
import { createOrg, signIn } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let boss: PgBoss;
beforeAll(async () => {
  boss = await startBoss(process.env.DATABASE_URL!, { schedule: false });
  await registerWorkers(boss);
});
afterAll(async () => {
  await stopBoss(boss);
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the job");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("worker jobs", () => {
  it("the exports job produces an export requested over the API (S18)", async () => {
    const org = await createOrg("worker-export");
    const admin = await signIn(org.admin);
    await createTicketAs(admin, { title: "For the export job" });
    const started = await callJson("POST", "/api/exports", { cookie: admin, body: { format: "json", from: "2025-06-01", to: "2027-06-01" } });
    await sendJob(boss, JOBS.exportsRun, {});
    const done = await until(async () => {
      const s = await callJson("GET", `/api/exports/${started.body.id}`, { cookie: admin });
      return s.body.status === "done" ? s.body : null;
    });
    expect(done.ticketCount).toBe(1);
  });

  it("the audit job verifies chains and records a signed checkpoint for each intact one (S12)", async () => {
    const org = await createOrg("worker-audit");
    await createTicketAs(await signIn(org.agent), { title: "Audited" });
    await sendJob(boss, JOBS.auditVerify, {});
    const checkpoint = await until(() => checkpointStore().latest(org.id));
    expect(checkpoint.seq).toBeGreaterThanOrEqual(1);
  });
});
