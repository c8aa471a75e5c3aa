// Server-Sent Events responses (issue 11; DESIGN.md: http/ holds "the event stream"). A route returns
// eventStreamResponse(source) through the ordinary pipeline (route.ts: origin check, rate limit, actor,
// typed errors all happen before it), and this frames what the domain sends, keeps the connection
// alive and tears the stream down however it ends: the client disconnects (request signal or the body
// being cancelled), the server ends it, or the client stops reading (a stalled reader is dropped, never
// buffered without bound; it reconnects and resumes from its Last-Event-ID).
import type { EventMessage, EventSink, EventSource } from "@/domain/events/event-sink";
import { env } from "@/lib/env";
import { isDraining, onDrain } from "@/lib/lifecycle";

/** What a client that never reads may hold in this process before its stream is dropped. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** EventSource waits this long before reconnecting after the stream ends. */
const RETRY_MS = 3000;

const SAFE_FIELD = /^[\w.:-]{1,100}$/;

export function sseFrame(m: EventMessage): string {
  // Names and ids are ours, but a line break in either would forge a field: refuse rather than send.
  if (!SAFE_FIELD.test(m.event) || (m.id !== undefined && !SAFE_FIELD.test(m.id))) throw new Error("unsafe SSE field");
  // JSON.stringify escapes every line break, so data is one line.
  return `${m.id !== undefined ? `id: ${m.id}\n` : ""}event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

export function eventStreamResponse(source: EventSource, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let finished = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let offDrain = () => {};

  const finish = () => {
    if (finished) return;
    finished = true;
    offDrain();
    clearInterval(heartbeat);
    signal.removeEventListener("abort", finish);
    source.stop();
    try {
      controller?.close();
    } catch {
      // already closed or errored by the consumer
    }
  };
  const write = (text: string) => {
    if (finished || !controller) return;
    if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) return finish();
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      finish();
    }
  };
  const sink: EventSink = { send: (m) => write(sseFrame(m)), close: finish };

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (signal.aborted) return finish();
        signal.addEventListener("abort", finish, { once: true });
        // A comment first, so proxies and the browser see the response begin at once.
        write(`retry: ${RETRY_MS}\n: stream open\n\n`);
        // An instance shutting down (issue 14) ends its streams: the client reconnects after RETRY_MS,
        // through the load balancer, to an instance that is still ready, and resumes from Last-Event-ID.
        if (isDraining()) return finish();
        offDrain = onDrain(finish);
        heartbeat = setInterval(() => write(": heartbeat\n\n"), env().LIVE_HEARTBEAT_SEC * 1000);
        heartbeat.unref();
        source.start(sink).catch(finish);
      },
      cancel: finish,
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression (Next's included) must not hold events back to fill a block.
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
