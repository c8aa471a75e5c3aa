// Issue 11: one sentence per timeline entry, the same in the conversation and in the stale warning.
import { describe, expect, it } from "vitest";
import { describeActivity, sentence, type Directory } from "./activity-text";

const dir: Directory = { people: { sam: "Sam (agent, sam@x.test)", kim: "Kim (agent, kim@x.test)" }, teams: { t1: "Billing" } };
const say = (field: string, from: string | null, to: string | null, actorId: string | null = "sam") =>
  sentence(describeActivity({ field: field as never, from, to, actorId }, dir));

describe("describeActivity", () => {
  it("names the person and the new value in words", () => {
    expect(say("status", "open", "pending")).toBe("Sam (agent, sam@x.test) set status Pending");
    expect(say("priority", "normal", "urgent")).toBe("Sam (agent, sam@x.test) set priority Urgent");
    expect(say("assignee", null, "kim")).toBe("Sam (agent, sam@x.test) assigned the ticket to Kim (agent, kim@x.test)");
    expect(say("assignee", null, "sam")).toBe("Sam (agent, sam@x.test) assigned the ticket to themselves");
    expect(say("team", null, "t1")).toBe("Sam (agent, sam@x.test) moved the ticket to team Billing");
  });

  it("never shows a raw id: unknown people are 'Someone', the system has no name, unknown values stay text", () => {
    expect(say("status", "open", "resolved", "stranger")).toBe("Someone set status Resolved");
    expect(say("sla", "first_response", "breach", null)).toBe("First response target breached");
    expect(say("assignee", "sam", "ghost")).toBe("Sam (agent, sam@x.test) assigned the ticket to Someone");
    expect(say("team", null, "gone")).toBe("Sam (agent, sam@x.test) moved the ticket to team (deleted team)");
    expect(say("status", "open", "<img src=x onerror=alert(1)>")).toBe("Sam (agent, sam@x.test) set status <img src=x onerror=alert(1)>");
  });

  it("a follow-up links the earlier ticket, a description edit says only that it changed", () => {
    expect(describeActivity({ field: "follow_up", from: null, to: "abc", actorId: "kim" }, dir).href).toBe("/app/tickets/abc");
    expect(say("description", null, null)).toBe("Sam (agent, sam@x.test) edited the description");
  });
});
