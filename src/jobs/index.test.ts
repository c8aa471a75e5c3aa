// Issue 10: a job is one file; the list in index.ts is what the worker runs. A *.job.ts file that the
// list forgets would never run, so this fails instead.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_JOBS } from "./index";

describe("job list", () => {
  it("lists every *.job.ts definition exactly once, with unique queue names and a schedule or a sender", async () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith(".job.ts"));
    const defined = await Promise.all(files.map(async (f) => Object.values(await import(path.join(import.meta.dirname, f)))[0]));
    expect(new Set(ALL_JOBS)).toEqual(new Set(defined));
    expect(new Set(ALL_JOBS.map((j) => j.name)).size).toBe(ALL_JOBS.length);
    for (const job of ALL_JOBS) {
      expect(job.payload.safeParse({}).success, job.name).toBe(true);
      expect(job.payload.safeParse({ injected: 1 }).success, `${job.name} refuses unknown payload fields`).toBe(false);
      expect(job.cron, job.name).toMatch(/^(\S+ ){4}\S+$/);
    }
  });
});
