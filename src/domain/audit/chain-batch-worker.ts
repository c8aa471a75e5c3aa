// A worker thread of the chain verifier (issue 15, chain-batch-pool.ts): checks the batches of COPY lines it
// is sent with ChainBatchChecker and answers with each batch's result, in the order they came. It says
// "ready" once loaded, so the pool sends it nothing while it starts (the walk checks those batches itself).
import { parentPort, workerData } from "node:worker_threads";
import { type BatchStart, ChainBatchChecker } from "./chain-batch";

const port = parentPort;
if (!port) throw new Error("chain-batch-worker.ts runs as a worker thread");
const checker = new ChainBatchChecker(workerData as BatchStart);
port.on("message", (message: { id: number; buffer: ArrayBuffer; offset: number; length: number }) => {
  try {
    const result = checker.check(Buffer.from(message.buffer, message.offset, message.length));
    port.postMessage({ id: message.id, result });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
