import { createRequire } from "node:module"; const require = createRequire(import.meta.url);
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PostgresNode, startPgBouncer } from "/work/wt/multi/scripts/cluster-test/services";
const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-cluster-try-"));
const p = await PostgresNode.primary(dir);
try {
  const c = new pg.Client({ connectionString: `${p.url}/postgres` }); await c.connect();
  await c.query("CREATE DATABASE helpdesk"); await c.query("CREATE ROLE helpdesk_app"); await c.end();
  const r = await PostgresNode.replicaOf(p, dir);
  try {
  const b = await startPgBouncer(dir, p, r, "helpdesk_app");
  try {
    await new Promise((res) => setTimeout(res, 1500));
    for (const db of ["helpdesk", "helpdesk_replica"]) {
      const x = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${b.port}/${db}`, options: "-c role=helpdesk_app" } as pg.ClientConfig); await x.connect();
      console.log(db, (await x.query("select current_user, pg_is_in_recovery()")).rows);
      await x.end();
    }
    p.restart(); console.log("restarted");
  } finally { b.stop(); }
  } finally { r.stop(); }
} catch (e) { console.log(String(e)); console.log(require("node:fs").readFileSync(dir + "/pg-replica.log", "utf8")); } finally { p.stop(); }
