// Reads a Server-Sent Events response the way EventSource does (fields per line, a blank line ends an
// event, comments ignored) and keeps every event, so a test can wait for one or assert that none came.
// Opens GET /api/events through the real route in-process (tests/support/api.ts), or wraps any Response.
import { call } from "./api";

export interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event payloads of every shape; each assertion checks the fields it uses
  data: any;
  id?: string;
  /** The raw text of the event, to search for ids that must not be there. */
  raw: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  /** Everything received, comments and all. */
  text = "";
  ended = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly done: Promise<void>;
  private waiters: Array<() => void> = [];

  constructor(readonly response: Response) {
    if (!response.body) throw new Error("no body");
    this.reader = response.body.getReader();
    this.done = this.pump();
  }

  static async open(cookie: string | undefined, opts: { lastEventId?: string; query?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.lastEventId !== undefined) headers["last-event-id"] = opts.lastEventId;
    const res = await call("GET", `/api/events${opts.query ?? ""}`, { cookie, headers });
    return res;
  }

  /** Opens a stream and waits until it listens (its `ready` event): changes after this are delivered. */
  static async connect(cookie: string, opts: { lastEventId?: string; query?: string; headers?: Record<string, string> } = {}): Promise<SseClient> {
    const res = await SseClient.open(cookie, opts);
    if (res.status !== 200) throw new Error(`GET /api/events answered ${res.status}: ${await res.text()}`);
    const client = new SseClient(res);
    await client.waitFor((e) => e.event === "ready");
    return client;
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        this.text += chunk;
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // cancelled
    }
    this.ended = true;
    this.wake();
  }

  private parse(block: string): void {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
    if (data.length === 0) return;
    this.events.push({ event, id, data: JSON.parse(data.join("\n")), raw: block });
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The first event (already received or still to come) that matches; fails after `timeoutMs`. */
  async waitFor(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the event; got: ${this.events.map((e) => e.event).join(", ")}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for an event; got: ${this.events.map((e) => e.event).join(", ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server ends the stream (or after `timeoutMs`, failing). */
  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    await Promise.race([this.done, new Promise((_, reject) => setTimeout(() => reject(new Error("the stream did not end")), timeoutMs))]);
  }

  /** Events other than the stream's own bookkeeping (ready, reset, end). */
  dataEvents(): SseEvent[] {
    return this.events.filter((e) => !["ready", "reset", "end"].includes(e.event));
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
    await this.done;
  }
}
