// Worker threads for the chain verifier (issue 15): the main thread reads the next batch of COPY lines while
// the workers check the ones before (chain-batch.ts); walk-chain.ts takes the results in the batches' order.
// The workers live as long as one walk: close() ends them on success, on a problem found, on an error and when
// the caller stops early (walk-chain.ts calls it in a finally), so no thread outlives the verification.
//
// The worker's module is TypeScript; workerCode() bundles it into one script once per process, so a worker
// starts from plain JavaScript. A worker takes nothing until it says it is ready; meanwhile the walk checks
// the batches in its own thread, so starting the threads costs the walk no waiting. Where the module is not
// beside this one (a bundle) or cannot be built, the walk uses no threads.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BatchResult, BatchStart } from "./chain-batch";

const WORKER_FILE = "chain-batch-worker.ts";

/** The worker module's path, or null when it is not there to load. */
export function workerFile(): string | null {
  try {
    const file = join(dirname(fileURLToPath(import.meta.url)), WORKER_FILE);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** The part of esbuild's API used here (esbuild is tsx's own dependency, so it is there wherever tsx is). */
type EsbuildApi = {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
};

let bundled: { file: string; code: string | null } | undefined;

/**
 * The worker's code as one CommonJS script: the TypeScript module and what it imports, bundled by esbuild
 * once per process. A worker then starts from plain JavaScript, without loading tsx (which cost each worker
 * more CPU than checking a few hundred thousand events). Null when it cannot be built.
 */
function workerCode(file: string): string | null {
  if (bundled?.file === file) return bundled.code;
  let code: string | null = null;
  try {
    const tsx = createRequire(import.meta.url).resolve("tsx/package.json");
    const esbuild = createRequire(tsx)("esbuild") as EsbuildApi;
    const out = esbuild.buildSync({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node.split(".")[0]}`,
      write: false,
      logLevel: "silent",
    });
    code = out.outputFiles[0]?.text ?? null;
  } catch {
    code = null;
  }
  bundled = { file, code };
  return code;
}

/** A worker holds a few batches of 256 KB: a bound on its heap keeps many of them from taking the host's memory. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

const counts = { live: 0, batches: 0, peak: 0 };

/** Worker threads running now, the most that ever ran at once, and batches they have checked, in this process (for the tests). */
export function workerCounts(): { live: number; batches: number; peak: number } {
  return { ...counts };
}

type Pending = { resolve: (r: BatchResult) => void; reject: (e: Error) => void };
type Thread = { worker: Worker; ready: boolean; busy: number };

export class ChainBatchPool {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failed: Error | null = null;
  private closed = false;
  private readonly waiting: (() => void)[] = [];

  /** Null when the workers' code cannot be built (the walk then checks every batch in its own thread). */
  static start(file: string, count: number, start: BatchStart): ChainBatchPool | null {
    const code = workerCode(file);
    return code === null ? null : new ChainBatchPool(code, count, start);
  }

  private constructor(code: string, count: number, start: BatchStart) {
    for (let i = 0; i < count; i++) {
      const thread: Thread = { worker: new Worker(code, { eval: true, workerData: start, resourceLimits: WORKER_LIMITS }), ready: false, busy: 0 };
      counts.live++;
      counts.peak = Math.max(counts.peak, counts.live);
      thread.worker.on("message", (m: { ready?: true; id: number; result?: BatchResult; error?: string }) => {
        if (m.ready) {
          thread.ready = true;
          this.onReady();
          return;
        }
        thread.busy--;
        counts.batches++;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.result) p.resolve(m.result);
        else p.reject(new Error(m.error ?? "chain verification worker: no result"));
      });
      // A worker that fails before it is ready was given nothing: it is dropped, and the walk checks in its
      // own thread what it would have. One that fails later fails the walk (its batches are lost).
      const lost = (error: Error) => {
        if (thread.ready) {
          this.fail(error);
          return;
        }
        const i = this.threads.indexOf(thread);
        if (i >= 0) this.threads.splice(i, 1);
        this.onReady();
      };
      thread.worker.on("error", lost);
      thread.worker.on("exit", (code) => {
        counts.live--;
        if (!this.closed) lost(new Error(`chain verification worker exited (code ${code})`));
      });
      this.threads.push(thread);
    }
  }

  /**
   * Hands one batch to the least busy ready worker, or returns null while none has started. The batch's
   * memory moves to the worker: `lines` should own its ArrayBuffer (ChainSnapshot.lines() batches do; anything
   * else is copied) and is unusable afterwards.
   */
  offer(lines: Buffer): Promise<BatchResult> | null {
    if (this.failed) return Promise.reject(this.failed);
    let thread: Thread | null = null;
    for (const t of this.threads) if (t.ready && (!thread || t.busy < thread.busy)) thread = t;
    if (!thread) return null;
    let owned = lines;
    if (lines.byteOffset !== 0 || lines.buffer.byteLength > lines.length + 65_536) {
      owned = Buffer.allocUnsafeSlow(lines.length); // never a slice of Node's shared pool
      lines.copy(owned);
    }
    const id = this.nextId++;
    const result = new Promise<BatchResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const buffer = owned.buffer as ArrayBuffer;
    thread.busy++;
    thread.worker.postMessage({ id, buffer, offset: owned.byteOffset, length: owned.length }, [buffer]);
    return result;
  }

  /** Resolves once every worker is ready (or was dropped while starting). */
  ready(): Promise<void> {
    if (this.threads.every((t) => t.ready)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private onReady(): void {
    if (!this.threads.every((t) => t.ready)) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Ends every worker; batches still being checked are dropped (their promises reject). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.fail(new Error("chain verification workers closed"));
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
