// The live event kinds in one place, free of imports so the browser's bundle can take it (issue 11).
// LOG kinds are what the database's triggers write to `live_events` (migrations 0018, 0023); WIRE kinds
// are the SSE event names a client can receive: a requester's `ticket.public_updated` goes out as
// `ticket.updated`, and presence is never logged.

export const LIVE_EVENT_KINDS = [
  "ticket.created",
  "ticket.updated",
  // Written only when the requester's version moved (migration 0023); sent to requesters as ticket.updated.
  "ticket.public_updated",
  "comment.created",
  "activity.created",
  "attachment.created",
  "attachment.updated",
  "notification.created",
  "notification.read",
] as const;
export type TLiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

/** The SSE event name a logged kind goes out under. */
export function wireKind(kind: TLiveEventKind): Exclude<TLiveEventKind, "ticket.public_updated"> {
  return kind === "ticket.public_updated" ? "ticket.updated" : kind;
}

export const LIVE_WIRE_KINDS = [...LIVE_EVENT_KINDS.filter((k) => k !== "ticket.public_updated"), "presence"] as Array<
  Exclude<TLiveEventKind, "ticket.public_updated"> | "presence"
>;
