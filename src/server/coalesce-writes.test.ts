import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { coalesceWrites } from "./coalesce-writes";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * A server that writes `pieces` the way Next streams a page, behind coalesceWrites. Counts the socket's
 * flushes to the kernel (each `_write`/`_writev` of the stream is one write(v) syscall).
 */
async function serve(pieces: (string | Uint8Array)[], opts: { writeHead?: boolean } = {}) {
  let socketWrites = 0;
  server = createServer((req, res) => {
    const socket = req.socket as unknown as Record<"_write" | "_writev", (...args: unknown[]) => unknown>;
    for (const name of ["_write", "_writev"] as const) {
      const original = socket[name].bind(socket);
      socket[name] = (...args: unknown[]) => {
        socketWrites++;
        return original(...args);
      };
    }
    coalesceWrites(res);
    if (opts.writeHead) res.writeHead(200, { "content-type": "text/html" });
    else res.setHeader("content-type", "text/html");
    let i = 0;
    const next = () => {
      if (i < pieces.length) {
        res.write(pieces[i++]!, () => setImmediate(next));
        return;
      }
      res.end();
    };
    next();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, socketWrites: () => socketWrites };
}

describe("coalesceWrites (issue 15)", () => {
  it("many pieces leave in one socket write, with a Content-Length and the body intact", async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => (i % 2 ? `<p>${i}</p>` : new TextEncoder().encode(`<script>${i}</script>`)));
    const s = await serve(pieces);
    const res = await fetch(s.url);
    const body = await res.text();
    expect(body).toBe(pieces.map((p) => (typeof p === "string" ? p : new TextDecoder().decode(p))).join(""));
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.get("transfer-encoding")).toBeNull();
    expect(s.socketWrites()).toBe(1);
  });

  it("headers already written by writeHead stay chunked; the body is still one write", async () => {
    const s = await serve(["a", "b", "c"], { writeHead: true });
    const res = await fetch(s.url);
    expect(await res.text()).toBe("abc");
    expect(res.headers.get("content-length")).toBeNull();
  });

  it("a body past the hold limit is not held: it streams on", async () => {
    const big = "x".repeat(300 * 1024);
    const s = await serve([big, big, big, big, big]);
    const res = await fetch(s.url);
    expect((await res.text()).length).toBe(5 * big.length);
    expect(res.headers.get("content-length")).toBeNull();
    expect(s.socketWrites()).toBeGreaterThan(1);
  });

  it("a HEAD answer gets no made-up Content-Length", async () => {
    const s = await serve(["<p>hi</p>"]);
    const res = await fetch(s.url, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBeNull();
  });
});
