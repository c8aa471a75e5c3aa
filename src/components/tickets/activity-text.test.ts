// Issue 11: one sentence per timeline entry, the same in the conversation and in the stale warning.
import { describe, expect, it } from "vitest";
import { ACTIVITY_MESSAGES } from "@/components/messages/activity";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { translator } from "@/components/messages/define";
import { type ActivityWords, describeActivity, type Directory, sentence } from "./activity-text";

const dir: Directory = { people: { sam: "Sam (agent, sam@x.test)", kim: "Kim (agent, kim@x.test)" }, teams: { t1: "Billing" } };
const words: ActivityWords = { t: translator(ACTIVITY_MESSAGES, "en-GB"), common: translator(COMMON_MESSAGES, "en-GB") };
const say = (field: string, from: string | null, to: string | null, actorId: string | null = "sam") =>
  sentence(describeActivity({ field: field as never, from, to, actorId }, dir, words), words.t);

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
    expect(describeActivity({ field: "follow_up", from: null, to: "abc", actorId: "kim" }, dir, words).href).toBe("/app/tickets/abc");
    expect(say("description", null, null)).toBe("Sam (agent, sam@x.test) edited the description");
  });

  it("words every change the same as before the catalogue (issue 13), a change without an actor as a sentence", () => {
    expect(say("status", "open", null)).toBe("Sam (agent, sam@x.test) set status none");
    expect(say("status", "resolved", "closed", null)).toBe("Set status Closed");
    expect(say("assignee", "kim", null)).toBe("Sam (agent, sam@x.test) removed the assignee");
    expect(say("team", "t1", null)).toBe("Sam (agent, sam@x.test) removed the team");
    expect(say("title", "Old", "Printer <b>jam</b>")).toBe("Sam (agent, sam@x.test) renamed the ticket to “Printer <b>jam</b>”");
    expect(say("tags", null, null)).toBe("Sam (agent, sam@x.test) changed the tags");
    expect(say("sla", "next_reply", "warning", null)).toBe("Next reply target at risk");
    expect(say("sla", "mystery", "breach", null)).toBe("SLA target breached");
    expect(say("comment", null, "c1", "kim")).toBe("Kim (agent, kim@x.test) added a reply or note");
    expect(say("follow_up", null, "abc", "kim")).toBe("Kim (agent, kim@x.test) opened this ticket as a follow-up of a closed ticket");
    expect(say("unknown_field", null, null)).toBe("Sam (agent, sam@x.test) changed the ticket");
  });

  it("lets a language put the person and the value where its grammar wants them", () => {
    const set = { ...ACTIVITY_MESSAGES, others: { de: { "activity.sentence": "{who} {what}", "activity.status": "hat den Status auf {value} gesetzt" } } };
    const t = translator(set, "de-DE");
    const de: ActivityWords = { t, common: translator(COMMON_MESSAGES, "de-DE") };
    expect(sentence(describeActivity({ field: "status", from: "open", to: "pending", actorId: "sam" }, dir, de), t)).toBe(
      "Sam (agent, sam@x.test) hat den Status auf Pending gesetzt",
    );
  });
});
