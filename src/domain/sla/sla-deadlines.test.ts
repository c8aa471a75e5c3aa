import { describe, expect, it } from "vitest";
import { fixedClock, now, setClock } from "@/lib/clock";
import { computeSlaDeadlines, firstResponseUpdate, recomputeSlaOnPriorityChange, resolutionUpdate } from "./sla-deadlines";

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
      const result = recomputeSlaOnPriorityChange({ createdAt: opened }, urgent);
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
