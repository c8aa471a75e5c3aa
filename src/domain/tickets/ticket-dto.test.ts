// F6: the requester's ticket is built from REQUESTER_VISIBLE_COLUMNS only, and changesRequesterView() (what
// moves their version) answers from the same list. If a column is added to the requester's DTO without
// being listed, or listed without being shown, one of these fails: the version and the body never disagree.
import { describe, expect, it } from "vitest";
import type { Ticket } from "@/db/schema";
import { changesRequesterView, REQUESTER_VISIBLE_COLUMNS, toTicketDto, versionFor } from "./ticket-dto";

const at = (s: string) => new Date(`2026-11-30T${s}Z`);
const base: Ticket = {
  id: "11111111-1111-4111-8111-111111111111",
  organizationId: "22222222-2222-4222-8222-222222222222",
  number: 7,
  title: "Printer",
  descriptionMd: "On fire",
  status: "open",
  priority: "normal",
  requesterId: "requester",
  assigneeId: "agent",
  teamId: "33333333-3333-4333-8333-333333333333",
  firstResponseDueAt: at("10:00:00"),
  resolutionDueAt: at("18:00:00"),
  firstRespondedAt: null,
  resolvedAt: null,
  firstResponseBusinessMs: null,
  resolutionBusinessMs: null,
  createdAt: at("08:00:00"),
  updatedAt: at("09:00:00"),
  version: 9,
  publicVersion: 4,
  publicUpdatedAt: at("08:30:00"),
  followUpOf: null,
  searchVector: "",
  slaDueAt: new Date("2026-01-01T00:00:00Z"),
  viaEmail: false,
  anonymisedAt: null,
};

/** Another value of the same kind for every column. */
const changed: { [K in keyof Ticket]: Ticket[K] } = {
  id: base.id,
  organizationId: base.organizationId,
  number: base.number,
  title: "Printer (renamed)",
  descriptionMd: "Still on fire",
  status: "pending",
  priority: "urgent",
  requesterId: "someone-else",
  assigneeId: "agent2",
  teamId: null,
  firstResponseDueAt: at("09:30:00"),
  resolutionDueAt: at("12:00:00"),
  firstRespondedAt: at("08:45:00"),
  resolvedAt: at("08:50:00"),
  firstResponseBusinessMs: null,
  resolutionBusinessMs: 0,
  createdAt: base.createdAt,
  updatedAt: at("09:59:00"),
  version: 10,
  publicVersion: base.publicVersion,
  publicUpdatedAt: base.publicUpdatedAt,
  followUpOf: "44444444-4444-4444-8444-444444444444",
  searchVector: "x",
  slaDueAt: new Date("2026-01-01T00:00:00Z"),
  // Set when the ticket is opened and never changed (issue 12): decides who sees it, not what they see.
  viaEmail: base.viaEmail,
  // The retention job's marker (issue 14): staff-side bookkeeping, not something the requester sees.
  anonymisedAt: at("10:00:00"),
};

const requesterView = (t: Ticket) => JSON.stringify(toTicketDto(t, "requester"));
const visible = new Set<string>(REQUESTER_VISIBLE_COLUMNS);

describe("the requester's ticket and their version agree (F6)", () => {
  for (const column of Object.keys(base) as (keyof Ticket)[]) {
    if (base[column] === changed[column]) continue;
    const shows = visible.has(column);
    it(`${column}: ${shows ? "shown to requesters, so it moves their version" : "staff data, so neither body nor version moves"}`, () => {
      const next = { ...base, [column]: changed[column] } as Ticket;
      expect(requesterView(next) !== requesterView(base)).toBe(shows);
      expect(changesRequesterView(base, { [column]: changed[column] })).toBe(shows);
    });
  }

  it("a patch naming a visible column with its current value moves nothing", () => {
    expect(changesRequesterView(base, { status: "open", title: "Printer", resolvedAt: null })).toBe(false);
    expect(changesRequesterView({ ...base, resolvedAt: at("08:50:00") }, { resolvedAt: at("08:50:00") })).toBe(false);
  });

  it("requesters get neither triage nor SLA nor tags, whatever extras are passed; staff get all", () => {
    const sla = { state: "on_track" } as never;
    const requester = toTicketDto(base, "requester", { sla, tags: ["vip"] });
    for (const field of ["priority", "assigneeId", "teamId", "firstResponseDueAt", "resolutionDueAt", "sla", "tags"]) {
      expect(requester, field).not.toHaveProperty(field);
    }
    expect(requester).toMatchObject({ version: 4, updatedAt: base.publicUpdatedAt.toISOString() });
    const staff = toTicketDto(base, "staff", { sla, tags: ["vip"] });
    expect(staff).toMatchObject({ priority: "normal", assigneeId: "agent", teamId: base.teamId, tags: ["vip"], sla, version: 9 });
    expect(staff.updatedAt).toBe(base.updatedAt.toISOString());
    expect([versionFor("staff", base), versionFor("requester", base)]).toEqual([9, 4]);
  });

  it("a row whose times are already ISO text (the queue's, issue 15) gives the same JSON, byte for byte", () => {
    const asText = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as unknown as Ticket;
    const done = { ...base, firstRespondedAt: at("08:45:00"), resolvedAt: at("08:50:00") };
    const doneAsText = { ...asText, firstRespondedAt: done.firstRespondedAt.toISOString(), resolvedAt: done.resolvedAt.toISOString() } as unknown as Ticket;
    const sla = { state: "met" } as never;
    for (const audience of ["staff", "requester"] as const) {
      expect(JSON.stringify(toTicketDto(asText, audience))).toBe(JSON.stringify(toTicketDto(base, audience)));
      expect(JSON.stringify(toTicketDto(doneAsText, audience, { sla, tags: ["a"] }))).toBe(JSON.stringify(toTicketDto(done, audience, { sla, tags: ["a"] })));
    }
  });
});
