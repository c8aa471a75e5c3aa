// GET /api/events (issue 11): a Server-Sent Events stream of what the caller may see. The stream starts
// when the response does (src/http/sse.ts); here: the right to open one, and a place under the caps.
import { requirePermission, type Actor } from "@/auth/actor";
import type { LiveStream } from "./live-stream";
import { streamRegistry, type StreamRegistry } from "./stream-registry";

export function openEventStream(actor: Actor, input: { lastEventId: string | null }, registry: StreamRegistry = streamRegistry()): LiveStream {
  requirePermission(actor, "events.read");
  return registry.open(actor, input.lastEventId);
}
