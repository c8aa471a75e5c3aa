// A page's HTML leaves in one write (issue 15). Next streams a page as it renders it: dozens of small
// res.write() calls per page (HTML pieces, each RSC payload script), each a syscall, with the chunked
// framing around it; profiled under load that was ~4 ms of a ~65 ms queue page in `writev` alone. Our
// pages have no streamed Suspense fallbacks to show early, so nothing is lost by holding the pieces until
// the end: then one write, with a Content-Length when the headers are still ours to set.
import type { ServerResponse } from "node:http";

type Callback = (error?: Error | null) => void;

/** Past this many bytes the pieces are written out (a page is ~100 KB; a large one must not be held). */
const HOLD_MAX_BYTES = 1024 * 1024;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

export function coalesceWrites(res: ServerResponse): void {
  const write = res.write.bind(res) as (chunk: unknown, cb?: Callback) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown, cb?: () => void) => ServerResponse;
  let held: Buffer[] = [];
  let size = 0;
  let passthrough = false;

  const flush = () => {
    if (held.length === 0) return;
    const body = held.length === 1 ? held[0]! : Buffer.concat(held, size);
    held = [];
    size = 0;
    write(body);
  };

  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const callback = (typeof encoding === "function" ? encoding : cb) as Callback | undefined;
    if (passthrough) return write(toBuffer(chunk, encoding), callback);
    const buf = toBuffer(chunk, encoding);
    held.push(buf);
    size += buf.length;
    if (size > HOLD_MAX_BYTES) {
      passthrough = true;
      flush();
    }
    if (callback) process.nextTick(callback);
    return true;
  }) as ServerResponse["write"];

  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse => {
    const callback = (typeof chunk === "function" ? chunk : typeof encoding === "function" ? encoding : cb) as (() => void) | undefined;
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
      const buf = toBuffer(chunk, encoding);
      held.push(buf);
      size += buf.length;
    }
    const head = res.req?.method === "HEAD";
    if (!passthrough && !head && !res.headersSent && !res.hasHeader("content-length") && !res.hasHeader("transfer-encoding")) {
      res.setHeader("content-length", size);
    }
    const body = held.length === 0 ? undefined : held.length === 1 ? held[0]! : Buffer.concat(held, size);
    held = [];
    size = 0;
    return end(body, callback);
  }) as ServerResponse["end"];
}
