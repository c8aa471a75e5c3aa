import { describe, expect, it } from "vitest";
import { fixedClock, now, setClock } from "@/lib/clock";
import { ALWAYS_OPEN } from "./business-hours";
import {
  applyStatus,
  computeSlaDeadlines,
  deadlinesFor,
  firstResponseUpdate,
  nextCheckAt,
  nextDueAt,
  onAgentPublicReply,
  onRequesterReply,
  resolutionUpdate,
  runningDeadlines,
  startClock,
} from "./sla-deadlines";

const policy = { firstResponseMinutes: 60, resolutionMinutes: 480 };
const opened = new Date("2026-03-02T09:00:00Z");

describe("SLA deadlines (S9)", () => {
  it("due times are the policy targets after the ticket opened", () => {
    expect(computeSlaDeadlines(policy, opened)).toEqual({
      firstResponseDueAt: new Date("2026-03-02T10:00:00Z"),
      resolutionDueAt: new Date("2026-03-02T17:00:00Z"),
    });
  });

  it("no policy means no deadlines", () => {
    expect(computeSlaDeadlines(null, opened)).toEqual({ firstResponseDueAt: null, resolutionDueAt: null });
  });

  it("a priority change re-targets from the original start, not from the time of the change", () => {
    const restore = setClock(fixedClock(new Date("2026-03-02T11:30:00Z")));
    try {
      const urgent = { firstResponseMinutes: 15, resolutionMinutes: 120 };
      const result = deadlinesFor(urgent, startClock(opened));
      expect(result.firstResponseDueAt).toEqual(new Date("2026-03-02T09:15:00Z"));
      expect(result.resolutionDueAt).toEqual(new Date("2026-03-02T11:00:00Z"));
      // Already past due at the moment of the change: the escalation shows up as overdue at once.
      expect(result.resolutionDueAt!.getTime()).toBeLessThan(now().getTime());
    } finally {
      restore();
    }
  });

  it("only the first public staff reply counts as the first response", () => {
    const at = new Date("2026-03-02T09:20:00Z");
    expect(firstResponseUpdate({ firstRespondedAt: null }, { byStaff: true, internal: false, at })).toEqual({ firstRespondedAt: at });
    expect(firstResponseUpdate({ firstRespondedAt: null }, { byStaff: true, internal: true, at })).toBeNull();
    expect(firstResponseUpdate({ firstRespondedAt: null }, { byStaff: false, internal: false, at })).toBeNull();
    expect(firstResponseUpdate({ firstRespondedAt: opened }, { byStaff: true, internal: false, at })).toBeNull();
  });

  it("resolving sets the resolution time once; reopening clears it", () => {
    const at = new Date("2026-03-03T12:00:00Z");
    expect(resolutionUpdate({ resolvedAt: null }, "resolved", at)).toEqual({ resolvedAt: at });
    expect(resolutionUpdate({ resolvedAt: opened }, "closed", at)).toBeNull();
    expect(resolutionUpdate({ resolvedAt: opened }, "open", at)).toEqual({ resolvedAt: null });
    expect(resolutionUpdate({ resolvedAt: null }, "pending", at)).toBeNull();
  });
});

describe("SLA clock: pauses, priority changes, replies, reopen (S9)", () => {
  const H = 3_600_000;
  const M = 60_000;
  const normal = { firstResponseMinutes: 60, resolutionMinutes: 480, nextReplyMinutes: 30, pauseWhenPending: true };
  const open = { status: "open" as const, firstRespondedAt: null, resolvedAt: null };
  const noBreaches = { firstResponseBreachedAt: null, nextReplyBreachedAt: null, resolutionBreachedAt: null };

  /** A fake clock starting when the ticket opens; each test moves it forward. */
  function withClock(start = opened) {
    const clock = fixedClock(start);
    const restore = setClock(clock);
    return { clock, restore };
  }

  it("pending pauses every target and resuming pushes them back by the paused time", () => {
    const { clock, restore } = withClock();
    try {
      let c = startClock(now());
      clock.advance(20 * M);
      c = applyStatus(c, "pending", normal, ALWAYS_OPEN, now());
      expect(c.pausedSince).toEqual(new Date("2026-03-02T09:20:00Z"));
      // While paused nothing runs: the scan has nothing to look at, the queue shows no due time.
      expect(runningDeadlines(deadlinesFor(normal, c), c, { ...open, status: "pending" }, noBreaches)).toEqual([]);
      clock.advance(H);
      c = applyStatus(c, "open", normal, ALWAYS_OPEN, now());
      expect(c.pausedMs).toBe(H);
      expect(deadlinesFor(normal, c)).toMatchObject({
        firstResponseDueAt: new Date("2026-03-02T11:00:00Z"),
        resolutionDueAt: new Date("2026-03-02T18:00:00Z"),
      });
    } finally {
      restore();
    }
  });

  it("without pauseWhenPending, pending and on hold keep the clock running; resolved always stops it", () => {
    const running = { ...normal, pauseWhenPending: false };
    const c = startClock(opened);
    expect(applyStatus(c, "pending", running, ALWAYS_OPEN, opened).pausedSince).toBeNull();
    expect(applyStatus(c, "on_hold", running, ALWAYS_OPEN, opened).pausedSince).toBeNull();
    expect(applyStatus(c, "resolved", running, ALWAYS_OPEN, opened).pausedSince).toEqual(opened);
    expect(applyStatus(c, "on_hold", normal, ALWAYS_OPEN, opened).pausedSince).toEqual(opened);
  });

  it("a pause over the night counts only the business time it covered", () => {
    const ny = {
      timeZone: "America/New_York",
      alwaysOpen: false,
      weeklyHours: { mon: [{ start: "09:00", end: "17:00" }], tue: [{ start: "09:00", end: "17:00" }] },
      holidays: [],
    };
    const { clock, restore } = withClock(new Date("2026-03-02T14:00:00Z")); // Mon 09:00 EST
    try {
      let c = startClock(now());
      clock.set(new Date("2026-03-02T21:00:00Z")); // Mon 16:00, 7 business hours in
      c = applyStatus(c, "on_hold", normal, ny, now());
      clock.set(new Date("2026-03-03T15:00:00Z")); // Tue 10:00: 2 business hours paused (16-17, 9-10)
      c = applyStatus(c, "open", normal, ny, now());
      expect(c.pausedMs).toBe(2 * H);
      // 8 h resolution target + 2 h paused = 10 business hours from Mon 09:00 → Tue 11:00 EST.
      expect(deadlinesFor(normal, c, ny).resolutionDueAt).toEqual(new Date("2026-03-03T16:00:00Z"));
    } finally {
      restore();
    }
  });

  it("a priority change mid-flight re-targets from the original start and keeps paused time out", () => {
    const { clock, restore } = withClock();
    try {
      let c = startClock(now());
      clock.advance(30 * M);
      c = applyStatus(c, "pending", normal, ALWAYS_OPEN, now());
      clock.advance(H);
      c = applyStatus(c, "open", normal, ALWAYS_OPEN, now());
      clock.advance(30 * M); // 11:00: an hour of running time, an hour paused
      const urgent = { firstResponseMinutes: 15, resolutionMinutes: 120, nextReplyMinutes: 10, pauseWhenPending: true };
      const d = deadlinesFor(urgent, c);
      expect(d.firstResponseDueAt).toEqual(new Date("2026-03-02T10:15:00Z"));
      expect(d.resolutionDueAt).toEqual(new Date("2026-03-02T12:00:00Z"));
    } finally {
      restore();
    }
  });

  it("reopening resumes the resolution clock without counting the time the ticket was resolved", () => {
    const { clock, restore } = withClock();
    try {
      let c = startClock(now());
      clock.advance(3 * H);
      c = applyStatus(c, "resolved", normal, ALWAYS_OPEN, now());
      clock.advance(24 * H);
      c = applyStatus(c, "open", normal, ALWAYS_OPEN, now());
      expect(c.pausedMs).toBe(24 * H);
      // 8 h target: 3 h used before resolving, 5 h left after reopening at 12:00 the next day.
      expect(deadlinesFor(normal, c).resolutionDueAt).toEqual(new Date("2026-03-03T17:00:00Z"));
    } finally {
      restore();
    }
  });

  it("a requester reply after the first response starts the next-reply clock; an agent reply stops it", () => {
    const firstRespondedAt = new Date("2026-03-02T09:10:00Z");
    let c = startClock(opened);
    // Before the first response the first-response clock covers it.
    expect(onRequesterReply(c, { firstRespondedAt: null }, ALWAYS_OPEN, new Date("2026-03-02T09:05:00Z"))).toBe(c);
    c = onRequesterReply(c, { firstRespondedAt }, ALWAYS_OPEN, new Date("2026-03-02T10:00:00Z"));
    expect(deadlinesFor(normal, c).nextReplyDueAt).toEqual(new Date("2026-03-02T10:30:00Z"));
    // A second message does not restart it: the oldest unanswered one counts.
    expect(onRequesterReply(c, { firstRespondedAt }, ALWAYS_OPEN, new Date("2026-03-02T10:20:00Z"))).toBe(c);
    c = onAgentPublicReply(c);
    expect(deadlinesFor(normal, c).nextReplyDueAt).toBeNull();
    // The next requester message starts a new clock.
    c = onRequesterReply(c, { firstRespondedAt }, ALWAYS_OPEN, new Date("2026-03-02T11:00:00Z"));
    expect(deadlinesFor(normal, c).nextReplyDueAt).toEqual(new Date("2026-03-02T11:30:00Z"));
  });

  it("a next-reply clock started during a pause only counts the pause from its own start", () => {
    const firstRespondedAt = new Date("2026-03-02T09:10:00Z");
    let c = applyStatus(startClock(opened), "pending", normal, ALWAYS_OPEN, new Date("2026-03-02T09:45:00Z"));
    c = onRequesterReply(c, { firstRespondedAt }, ALWAYS_OPEN, new Date("2026-03-02T10:00:00Z"));
    c = applyStatus(c, "open", normal, ALWAYS_OPEN, new Date("2026-03-02T11:00:00Z"));
    expect(deadlinesFor(normal, c).nextReplyDueAt).toEqual(new Date("2026-03-02T11:30:00Z"));
  });

  it("the scan looks again at the warning moment, then at the due time, and not after a breach", () => {
    const c = startClock(opened);
    const d = deadlinesFor(normal, c);
    const running = runningDeadlines(d, c, open, noBreaches);
    expect(running.map((r) => r.kind)).toEqual(["first_response", "resolution"]);
    expect(nextDueAt(running)).toEqual(new Date("2026-03-02T10:00:00Z"));
    expect(nextCheckAt(running, 15 * M, opened, false)).toEqual(new Date("2026-03-02T09:45:00Z"));
    // After the warning was handled at 09:50 the next look is the due time.
    expect(nextCheckAt(running, 15 * M, new Date("2026-03-02T09:50:00Z"), true)).toEqual(new Date("2026-03-02T10:00:00Z"));
    const afterBreach = runningDeadlines(d, c, open, { ...noBreaches, firstResponseBreachedAt: new Date("2026-03-02T10:00:00Z") });
    expect(nextCheckAt(afterBreach, 15 * M, new Date("2026-03-02T10:00:00Z"), true)).toEqual(new Date("2026-03-02T16:45:00Z"));
    // A met target no longer runs.
    expect(runningDeadlines(d, c, { ...open, firstRespondedAt: opened }, noBreaches).map((r) => r.kind)).toEqual(["resolution"]);
  });
});
