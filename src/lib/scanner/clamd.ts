// A small clamd INSTREAM client over TCP (RECIPES.md "ClamAV"). Fail closed: only the exact reply
// `stream: OK` means clean; a FOUND reply is infected; any other reply (size limit, errors) is "not clean"
// too. Not reaching clamd, or no answer in time, is `ScannerUnavailable`: the caller keeps the file pending.
import { createConnection } from "node:net";
import { env } from "@/lib/env";

export type ScanVerdict = { verdict: "clean"; reply: string } | { verdict: "infected"; signature: string; reply: string } | { verdict: "error"; reply: string };

export class ScannerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScannerUnavailable";
  }
}

export interface ScannerTarget {
  host: string;
  port: number;
  timeoutMs: number;
}

function defaultTarget(): ScannerTarget {
  const e = env();
  return { host: e.CLAMD_HOST, port: e.CLAMD_PORT, timeoutMs: e.CLAMD_TIMEOUT_MS };
}

// clamd's default StreamMaxChunk is far larger; 64 KiB keeps memory flat and is what clamdscan sends.
const CHUNK = 64 * 1024;

export function parseReply(raw: string): ScanVerdict {
  const reply = raw.replace(/\0+$/, "").trim();
  if (reply === "stream: OK") return { verdict: "clean", reply };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { verdict: "infected", signature: found[1]!, reply };
  return { verdict: "error", reply: reply.slice(0, 200) || "(empty reply)" };
}

/** Streams `data` to clamd and returns its verdict; throws ScannerUnavailable on connect failure/timeout. */
export function scanBytes(data: Uint8Array, target: ScannerTarget = defaultTarget()): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: target.host, port: target.port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      fn();
    };
    // One deadline for the whole exchange (connect, send, verdict), not an idle timeout per packet.
    const timer = setTimeout(() => finish(() => reject(new ScannerUnavailable(`clamd did not answer within ${target.timeoutMs} ms`))), target.timeoutMs);
    socket.on("error", (e) => finish(() => reject(new ScannerUnavailable(`clamd unreachable: ${e.message}`))));
    socket.on("data", (d) => {
      chunks.push(d);
      if (d.includes(0)) finish(() => resolve(parseReply(Buffer.concat(chunks).toString("utf8"))));
    });
    socket.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      finish(() => (raw ? resolve(parseReply(raw)) : reject(new ScannerUnavailable("clamd closed the connection without a verdict"))));
    });
    socket.on("connect", () => {
      socket.write("zINSTREAM\0");
      for (let offset = 0; offset < data.byteLength; offset += CHUNK) {
        const piece = data.subarray(offset, Math.min(offset + CHUNK, data.byteLength));
        const len = Buffer.alloc(4);
        len.writeUInt32BE(piece.byteLength);
        socket.write(len);
        socket.write(piece);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}
