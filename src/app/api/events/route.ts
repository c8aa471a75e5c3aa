import { openEventStream } from "@/domain/events/open-event-stream";
import { ZEventsQuery } from "@/domain/events/events.schemas";
import { route } from "@/http/route";
import { eventStreamResponse } from "@/http/sse";

/** Server-Sent Events of what the caller may see (issue 11). Resumes after Last-Event-ID (or `?lastEventId=` from a fresh EventSource). */
export const GET = route({ name: "events.stream", query: ZEventsQuery }, ({ req, actor, query }) => {
  const stream = openEventStream(actor, { lastEventId: req.headers.get("last-event-id") ?? query.lastEventId ?? null });
  return Promise.resolve(eventStreamResponse(stream, req.signal));
});
