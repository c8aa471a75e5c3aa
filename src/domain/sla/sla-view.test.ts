// The one SLA rule (issue 10, S9): overall and per-target states from the same inputs, the organization's
// warning lead, and pauses — the UI displays these and decides nothing itself.
import { describe, expect, it } from "vitest";
import type { TicketSla } from "@/db/schema";
import { slaView } from "./sla-view";

const at = new Date("2026-11-17T12:00:00Z");
const H = 3_600_000;
const iso = (ms: number) => new Date(at.getTime() + ms);

function ticket(over: Partial<Parameters<typeof slaView>[0]> = {}) {
  return { status: "open" as const, firstResponseDueAt: iso(3 * H), resolutionDueAt: iso(10 * H), firstRespondedAt: null, resolvedAt: null, ...over };
}
function clock(over: Partial<TicketSla> = {}): TicketSla {
  return {
    nextDueAt: iso(3 * H),
    pausedSince: null,
    nextReplyDueAt: null,
    firstResponseBreachedAt: null,
    nextReplyBreachedAt: null,
    resolutionBreachedAt: null,
    ...over,
  } as TicketSla;
}

describe("slaView", () => {
  it("uses the organization's warning lead for at-risk, overall and per target", () => {
    const v = slaView(ticket(), clock(), at, 4 * H);
    expect(v.state).toBe("at_risk");
    expect(v.targets.firstResponse.state).toBe("at_risk");
    expect(v.targets.resolution.state).toBe("on_track");
    expect(slaView(ticket(), clock(), at, 60_000).targets.firstResponse.state).toBe("on_track");
  });

  it("a paused clock reads paused everywhere, even when an old due time has passed", () => {
    const v = slaView(ticket({ status: "pending", firstResponseDueAt: iso(-H) }), clock({ pausedSince: iso(-2 * H), nextDueAt: null }), at, H);
    expect(v.state).toBe("paused");
    expect(v.targets.firstResponse.state).toBe("paused");
    expect(v.targets.resolution.state).toBe("paused");
  });

  it("met targets read met; a target met late or recorded as breached reads breached", () => {
    const v = slaView(ticket({ firstRespondedAt: iso(-H) }), clock({ nextDueAt: iso(10 * H) }), at, H);
    expect(v.targets.firstResponse.state).toBe("met");
    const late = slaView(ticket({ firstRespondedAt: iso(-H) }), clock({ firstResponseBreachedAt: iso(-2 * H), nextDueAt: iso(10 * H) }), at, H);
    expect(late.targets.firstResponse.state).toBe("breached");
    expect(late.breached).toEqual(["first_response"]);
  });

  it("past its due time and not done: breached; no targets: none", () => {
    expect(slaView(ticket({ firstResponseDueAt: iso(-1) }), clock({ nextDueAt: iso(-1) }), at, H).targets.firstResponse.state).toBe("breached");
    const none = slaView(ticket({ firstResponseDueAt: null, resolutionDueAt: null }), null, at, H);
    expect(none.state).toBe("none");
    expect(none.targets.resolution).toEqual({ dueAt: null, state: "none" });
  });

  it("answers the same for times given as ISO text (the queue's rows, issue 15) as for Dates", () => {
    const text = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as T;
    const cases: [ReturnType<typeof ticket>, TicketSla | null][] = [
      [ticket(), clock()],
      [ticket(), clock({ nextDueAt: iso(-H) })],
      [ticket(), clock({ pausedSince: iso(-H), nextDueAt: null })],
      [ticket({ firstRespondedAt: iso(-2 * H) }), clock({ firstResponseBreachedAt: iso(-3 * H), nextReplyDueAt: iso(H) })],
      [ticket({ status: "resolved", resolvedAt: iso(-H) }), clock({ resolutionBreachedAt: iso(-2 * H) })],
      [ticket({ firstResponseDueAt: null, resolutionDueAt: null }), null],
    ];
    for (const [t, c] of cases) {
      const expected = JSON.stringify(slaView(t, c, at, 4 * H));
      expect(JSON.stringify(slaView(text(t), c && text(c), at, 4 * H))).toBe(expected);
    }
  });
});
