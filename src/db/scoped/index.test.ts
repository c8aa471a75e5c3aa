// issue 10 item 1: scoped() lists every section by name and builds one only when a request first uses it,
// then reuses it for that scope. No database: the builders are counted, never run against a connection.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";

const built = vi.hoisted(() => ({ tickets: 0, webhook: 0 }));
vi.mock("./tickets", () => ({
  ticketQueries: (actor: Actor) => {
    built.tickets++;
    return { orgId: actor.orgId };
  },
}));
vi.mock("./webhook", () => ({
  webhookQueries: (actor: Actor) => {
    built.webhook++;
    return { orgId: actor.orgId };
  },
}));

const { scoped } = await import("./index");

const actor = { userId: "u1", orgId: "org-a", role: "agent" } as Actor;
const conn = {} as DbOrTx;
const SECTIONS = [
  "tickets",
  "comments",
  "activity",
  "tags",
  "views",
  "attachments",
  "users",
  "teams",
  "slaPolicies",
  "sla",
  "notifications",
  "outbox",
  "recipients",
  "webhook",
  "exports",
  "mailboxes",
  "mailDomains",
  "inboundMail",
  "mailMessages",
  "invites",
  "liveEvents",
  "macros",
  "audit",
  "mySessions",
  "myPreferences",
  "organization",
  "erasure",
  "satisfaction",
  "reports",
];

describe("scoped(actor)", () => {
  beforeEach(() => {
    built.tickets = 0;
    built.webhook = 0;
  });

  it("builds no section until one is used, and only the one used", () => {
    const s = scoped(actor, conn);
    expect(built).toEqual({ tickets: 0, webhook: 0 });
    void s.webhook;
    expect(built).toEqual({ tickets: 0, webhook: 1 });
  });

  it("reuses a section within one scope and builds it afresh for another actor", () => {
    const s = scoped(actor, conn);
    expect(s.tickets).toBe(s.tickets);
    expect(built.tickets).toBe(1);
    const other = scoped({ ...actor, orgId: "org-b" }, conn);
    expect(other.tickets).not.toBe(s.tickets);
    expect(other.tickets).toEqual({ orgId: "org-b" });
    expect(built.tickets).toBe(2);
  });

  it("names every section as its own getter (no spread hides one), plus the actor", () => {
    const s = scoped(actor, conn);
    const getters = Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(s)))
      .filter(([, d]) => typeof d.get === "function")
      .map(([name]) => name);
    expect(getters.sort()).toEqual([...SECTIONS].sort());
    expect(s.actor).toBe(actor);
    for (const name of SECTIONS) expect(typeof (s as unknown as Record<string, unknown>)[name]).toBe("object");
  });
});
