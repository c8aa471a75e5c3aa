// The pool's commit barrier (issue 15): a transaction that made its commit asynchronous is made durable
// before its COMMIT resolves; other transactions pass untouched.
import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { ASYNC_COMMIT_MARK, installCommitBarrier } from "./commit-barrier";

function fakeConnection() {
  const pool = new EventEmitter();
  installCommitBarrier(pool as unknown as pg.Pool);
  const sent: string[] = [];
  const client = {
    query: async (q: string | { text: string }) => {
      const text = typeof q === "string" ? q : q.text;
      sent.push(text);
      if (text === "commit" && client.failCommit) throw new Error("commit failed");
      return { rows: [], text };
    },
    failCommit: false,
  };
  pool.emit("connect", client);
  return { client, sent };
}

describe("commit barrier (S12, issue 15)", () => {
  it("runs the barrier after an asynchronous commit, before the commit resolves", async () => {
    const { client, sent } = fakeConnection();
    await client.query("begin");
    await client.query({ text: `select 1 ${ASYNC_COMMIT_MARK}` });
    const result = await client.query({ text: "commit" });
    expect(result).toMatchObject({ text: "commit" });
    expect(sent.slice(-2)).toEqual(["commit", "select audit_commit_barrier()"]);
    // Once per transaction: the next one without an audit event commits without it.
    await client.query("begin");
    await client.query("commit");
    expect(sent.filter((s) => s.includes("barrier"))).toHaveLength(1);
  });

  it("does nothing after a rollback, a transaction without the mark, or a failed commit", async () => {
    const { client, sent } = fakeConnection();
    await client.query({ text: `select 1 ${ASYNC_COMMIT_MARK}` });
    await client.query("rollback");
    await client.query("begin");
    await client.query("select 2");
    await client.query("commit");
    client.failCommit = true;
    await client.query({ text: `select 1 ${ASYNC_COMMIT_MARK}` });
    await expect(client.query("commit")).rejects.toThrow("commit failed");
    expect(sent.filter((s) => s.includes("barrier"))).toHaveLength(0);
  });
});
