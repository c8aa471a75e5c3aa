import { describe, expect, it } from "vitest";
import { TICKET_PRIORITIES as DB_PRIORITIES } from "@/db/schema/enums";
import { WEEKDAYS as DB_WEEKDAYS } from "@/db/schema/sla";
import { translator } from "@/components/messages/define";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { ZSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { configurationOf, draftOf, durationWords, jsonSafe, parseHolidayList, TICKET_PRIORITIES, wallClock, WEEKDAYS } from "./sla-draft";

const config = ZSlaConfiguration.parse({
  timeZone: "Europe/Berlin",
  alwaysOpen: false,
  weeklyHours: {
    mon: [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ],
    sat: [{ start: "10:00", end: "14:00" }],
  },
  holidays: ["2026-12-25"],
  warningLeadMinutes: 45,
  policies: [
    { priority: "urgent", firstResponseMinutes: 30, nextReplyMinutes: null, resolutionMinutes: 240, pauseWhenPending: false },
    { priority: "low", firstResponseMinutes: 600, nextReplyMinutes: 600, resolutionMinutes: 6000, pauseWhenPending: true },
  ],
});

describe("SLA settings draft (issue 13)", () => {
  it("holds the same weekdays and priorities as the schema", () => {
    expect(WEEKDAYS).toEqual(DB_WEEKDAYS);
    expect(TICKET_PRIORITIES).toEqual(DB_PRIORITIES);
  });

  it("round-trips a configuration through the form's state unchanged (policies most urgent first)", () => {
    const { body, policyPriorities } = configurationOf(draftOf(config));
    expect(policyPriorities).toEqual(["urgent", "low"]);
    expect(ZSlaConfiguration.parse(body)).toEqual(config);
  });

  it("turns an empty or typed-over number into something the server names as the field's error", () => {
    const draft = draftOf(config);
    draft.policies.urgent.firstResponse = "";
    draft.warningLead = "soon";
    const sent = jsonSafe(configurationOf(draft).body) as { policies: { firstResponseMinutes: unknown }[] };
    const result = ZSlaConfiguration.safeParse(sent);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["policies.0.firstResponseMinutes", "warningLeadMinutes"]));
  });

  it("reads a pasted year of holidays and names what is not a date", () => {
    expect(parseHolidayList("2027-01-01, 2027-04-02\n2027-12-25;2027-12-26  ")).toEqual({
      dates: ["2027-01-01", "2027-04-02", "2027-12-25", "2027-12-26"],
      invalid: [],
    });
    expect(parseHolidayList("2027-02-30 25.12.2027 2027-05-01")).toEqual({ dates: ["2027-05-01"], invalid: ["2027-02-30", "25.12.2027"] });
    // As the reader writes days (issue 13): a German reader's "25.12.2027" is Christmas, an American's is not a day.
    expect(parseHolidayList("25.12.2027 2027-05-01", { locale: "de-DE" })).toEqual({ dates: ["2027-12-25", "2027-05-01"], invalid: [] });
    expect(parseHolidayList("25.12.2027 12/25/2027", { locale: "en-US" })).toEqual({ dates: ["2027-12-25"], invalid: ["25.12.2027"] });
  });

  it("words durations and wall-clock times the same way on server and browser", () => {
    const t = translator(SLA_SETTINGS_MESSAGES, "en-GB");
    expect(durationWords("1590", t)).toBe("1 d 2 h 30 min");
    expect(durationWords("", t)).toBe("");
    expect(durationWords("60", t)).toBe("1 h");
    expect(wallClock("2026-11-30T08:30:00.000Z", "Europe/Berlin")).toBe("Mon 2026-11-30 09:30");
    expect(wallClock("2026-07-01T23:05:00.000Z", "America/New_York")).toBe("Wed 2026-07-01 19:05");
  });
});
