// Issue 9 item 3 follow-up (found by the attack pass on a production set-up): the worker logs in as a
// member-only role of helpdesk_app, which cannot create pg-boss queues. installJobSchema (run with the
// owner's URL by `npm run migrate` / `npm start`) must create every queue the worker uses — pg-boss's own
// cron queue too, which its timekeeper otherwise creates at start and, failing, ignores: then no scheduled
// job (outbox, SLA scan, exports, audit verification) ever ran.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { BOSS_CRON_QUEUE, BOSS_SCHEMA, installJobSchema, startBoss, stopBoss } from "@/jobs/boss";
import { ALL_JOBS } from "@/jobs/index";

const owner = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const roles: string[] = [];
afterAll(async () => {
  for (const r of roles) await owner.query(`drop owned by ${r}; drop role ${r}`).catch(() => undefined);
  await owner.end();
});

async function memberOnlyLogin(): Promise<string> {
  const name = `hd_worker_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await owner.query(`create role ${name} login password '${password}' in role helpdesk_app`);
  roles.push(name);
  const url = new URL(process.env.DATABASE_URL!);
  url.username = name;
  url.password = password;
  return url.toString();
}

describe("the job schema as the owner installs it (issue 9 item 3 follow-up)", { timeout: 60_000 }, () => {
  it("holds every worker queue and pg-boss's cron queue, and a member-only worker schedules and runs cron jobs", async () => {
    // As if the cron queue had never been made (a database set up before this fix): pg-boss's own delete,
    // which drops the queue's partition too.
    const cleaner = await startBoss(process.env.DATABASE_URL!, { schedule: false });
    if (await cleaner.getQueue(BOSS_CRON_QUEUE)) await cleaner.deleteQueue(BOSS_CRON_QUEUE);
    await stopBoss(cleaner);
    expect((await owner.query(`select 1 from ${BOSS_SCHEMA}.queue where name = $1`, [BOSS_CRON_QUEUE])).rowCount).toBe(0);
    await installJobSchema(process.env.DATABASE_URL!);
    const queues = (await owner.query<{ name: string }>(`select name from ${BOSS_SCHEMA}.queue`)).rows.map((r) => r.name);
    expect(queues).toEqual(expect.arrayContaining([...ALL_JOBS.map((j) => j.name), BOSS_CRON_QUEUE]));

    // The worker as production runs it: a member-only login, schedules on.
    const boss = await startBoss(await memberOnlyLogin());
    try {
      expect(await boss.getQueue(BOSS_CRON_QUEUE)).toBeTruthy();
      const scheduled = await boss.getSchedules();
      expect(scheduled.map((s) => s.name)).toEqual(expect.arrayContaining(ALL_JOBS.filter((j) => j.cron).map((j) => j.name)));
      // The timekeeper's own queue takes jobs from this login (it could not, before: no queue, no cron).
      expect(await boss.send(BOSS_CRON_QUEUE, { name: ALL_JOBS[0]!.name, data: {} })).toBeTruthy();
    } finally {
      await stopBoss(boss);
    }
  });
});
