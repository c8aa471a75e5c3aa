import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "./local-storage";
import { createS3Storage, objectKey } from "./s3-storage";
import { newStorageKey } from "./storage";

const root = mkdtempSync(path.join(tmpdir(), "storage-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("local storage", () => {
  const s = createLocalStorage(root);

  it("writes owner-only files under random keys and moves them between areas", async () => {
    const key = newStorageKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    await s.put("held", key, Buffer.from("abc"));
    expect((statSync(path.join(root, "held", key)).mode & 0o777).toString(8)).toBe("600");
    expect((statSync(path.join(root, "held")).mode & 0o777).toString(8)).toBe("700");
    await s.move("held", "clean", key);
    expect(await s.exists("held", key)).toBe(false);
    expect((await s.get("clean", key))?.toString()).toBe("abc");
    expect(readdirSync(path.join(root, "clean")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await s.delete("clean", key);
    expect(await s.get("clean", key)).toBeNull();
  });

  it("lists the keys of an area, never a write in progress (backups, S23)", async () => {
    const [a, b] = [newStorageKey(), newStorageKey()];
    await s.put("exports", a, Buffer.from("a"));
    await s.put("exports", b, Buffer.from("b"));
    writeFileSync(path.join(root, "exports", `${a}.abc123.tmp`), "half");
    const keys: string[] = [];
    for await (const k of s.list("exports")) keys.push(k);
    expect(keys).toEqual([a, b].sort());
  });

  it("never builds a path from anything but a storage key", async () => {
    for (const bad of ["../../etc/passwd", "a/b", "", "ABCDEF0123456789ABCDEF0123456789"]) {
      await expect(s.get("clean", bad)).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe("S3 storage (no bucket here: the commands it sends)", () => {
  it("uses one private bucket, a prefix per area, server-side encryption, copy+delete to move", async () => {
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const client = {
      send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: cmd.constructor.name, input: cmd.input });
        if (cmd.constructor.name === "GetObjectCommand") throw Object.assign(new Error("missing"), { name: "NoSuchKey" });
        return {};
      },
    };
    const s = createS3Storage({ bucket: "helpdesk-files", region: "eu-central-1", forcePathStyle: true }, client as never);
    const key = newStorageKey();
    await s.put("held", key, Buffer.from("x"));
    await s.move("held", "quarantine", key);
    expect(await s.get("clean", key)).toBeNull();
    expect(sent.map((c) => c.name)).toEqual(["PutObjectCommand", "CopyObjectCommand", "DeleteObjectCommand", "GetObjectCommand"]);
    expect(sent[0]!.input).toMatchObject({ Bucket: "helpdesk-files", Key: `held/${key}`, ServerSideEncryption: "AES256" });
    expect(sent[0]!.input).not.toHaveProperty("ACL");
    expect(sent[1]!.input).toMatchObject({ Key: `quarantine/${key}`, CopySource: `helpdesk-files/held/${key}` });
    expect(sent[2]!.input).toMatchObject({ Key: `held/${key}` });
    expect(() => objectKey("clean", "../x")).toThrow();
  });

  it("lists an area page by page under its prefix, keeping only the app's own keys", async () => {
    const [k1, k2] = [newStorageKey(), newStorageKey()];
    const pages = [
      { Contents: [{ Key: `clean/${k1}` }, { Key: "clean/not-ours.txt" }], IsTruncated: true, NextContinuationToken: "t1" },
      { Contents: [{ Key: `clean/${k2}` }], IsTruncated: false },
    ];
    const inputs: Record<string, unknown>[] = [];
    const client = {
      send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
        expect(cmd.constructor.name).toBe("ListObjectsV2Command");
        inputs.push(cmd.input);
        return pages.shift();
      },
    };
    const s = createS3Storage({ bucket: "helpdesk-files", region: "eu-central-1", forcePathStyle: true }, client as never);
    const keys: string[] = [];
    for await (const k of s.list("clean")) keys.push(k);
    expect(keys).toEqual([k1, k2]);
    expect(inputs).toEqual([
      { Bucket: "helpdesk-files", Prefix: "clean/", ContinuationToken: undefined },
      { Bucket: "helpdesk-files", Prefix: "clean/", ContinuationToken: "t1" },
    ]);
  });
});
