// What a live stream writes to (the HTTP layer's Server-Sent Events response, src/http/sse.ts): the
// domain decides what to send, the HTTP layer how it is framed, kept alive and torn down.
export interface EventMessage {
  /** The SSE event name: a live event kind, "presence", "ready", "reset" or "end". */
  event: string;
  data: Record<string, unknown>;
  /** Only events a reconnect can resume after carry an id (an opaque one: event-id.ts). */
  id?: string;
}

export interface EventSink {
  send(message: EventMessage): void;
  /** Ends the response; the HTTP layer then stops the stream (LiveStream.stop). */
  close(): void;
}

/** What the HTTP layer starts when the response begins and stops when the client goes away. */
export interface EventSource {
  start(sink: EventSink): Promise<void>;
  stop(): void;
}
