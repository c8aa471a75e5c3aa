import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseReply, ScannerUnavailable, scanBytes } from "./clamd";

describe("clamd replies (fail closed)", () => {
  it("only `stream: OK` is clean", () => {
    expect(parseReply("stream: OK\0").verdict).toBe("clean");
    expect(parseReply("stream: Eicar-Test-Signature FOUND\0")).toMatchObject({ verdict: "infected", signature: "Eicar-Test-Signature" });
    expect(parseReply("INSTREAM size limit exceeded. ERROR\0").verdict).toBe("error");
    expect(parseReply("").verdict).toBe("error");
    expect(parseReply("stream: OK but not really\0").verdict).toBe("error");
  });
});

describe("scanner unavailable", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("a daemon that never answers is a timeout, not a verdict", async () => {
    server = createServer((socket) => socket.on("data", () => undefined));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const started = Date.now();
    await expect(scanBytes(Buffer.from("x"), { host: "127.0.0.1", port, timeoutMs: 300 })).rejects.toBeInstanceOf(ScannerUnavailable);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a closed port is unavailable", async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    await expect(scanBytes(Buffer.from("x"), { host: "127.0.0.1", port, timeoutMs: 1000 })).rejects.toBeInstanceOf(ScannerUnavailable);
  });

  it("a daemon that hangs up without a verdict is unavailable", async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    await expect(scanBytes(Buffer.from("x"), { host: "127.0.0.1", port, timeoutMs: 1000 })).rejects.toBeInstanceOf(ScannerUnavailable);
  });
});
