// Issue 11: comments and field changes in one line of time; a change made with a reply follows it.
import { describe, expect, it } from "vitest";
import { mergeTimeline } from "./comment-thread";

const comment = (id: string, at: string) => ({ id, ticketId: "t", authorId: "a", bodyMd: id, internal: false, createdAt: at });
const change = (id: string, at: string, field = "status") => ({
  id,
  field: field as never,
  from: null,
  to: "pending",
  actorId: "a",
  version: 2,
  createdAt: at,
});
const ids = (entries: ReturnType<typeof mergeTimeline>) => entries.map((e) => (e.kind === "comment" ? e.comment.id : e.change.id));

describe("mergeTimeline", () => {
  it("orders by time with changes between the replies", () => {
    const merged = mergeTimeline(
      [comment("c1", "2026-01-01T10:00:00Z"), comment("c2", "2026-01-01T12:00:00Z")],
      [change("s1", "2026-01-01T11:00:00Z"), change("s0", "2026-01-01T09:00:00Z")],
    );
    expect(ids(merged)).toEqual(["s0", "c1", "s1", "c2"]);
  });

  it("a status sent with a reply (same instant) comes after the reply; the reply's own timeline entry is not repeated", () => {
    const at = "2026-01-01T10:00:00Z";
    const merged = mergeTimeline([comment("c1", at)], [change("s1", at), change("x", at, "comment")]);
    expect(ids(merged)).toEqual(["c1", "s1"]);
  });
});
