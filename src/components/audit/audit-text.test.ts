import { describe, expect, it } from "vitest";
import { AUDIT_MESSAGES } from "@/components/messages/audit";
import type { AuditDirectory } from "@/domain/audit/list-audit-events";
import { AUDIT_ACTIONS, auditWords, describeAuditEvent as describeWith, isAuditAction, type AuditEventView } from "./audit-text";

const describeAuditEvent = (e: AuditEventView, d: AuditDirectory) => describeWith(e, d, auditWords("en-GB"));

const dir = { people: { "11111111-1111-4111-8111-111111111111": "Alex Agent" }, teams: { "22222222-2222-4222-8222-222222222222": "Billing" }, tickets: {} };

describe("describeAuditEvent (issue 13)", () => {
  it("names a job as the system, an anonymous request as someone not signed in, an unknown id shortened", () => {
    expect(describeAuditEvent({ action: "sla.breached", actorId: "system:sla-scan", targetType: "ticket", targetId: null, data: {} }, dir).who).toBe(
      "The SLA scan",
    );
    expect(describeAuditEvent({ action: "auth.password_reset_requested", actorId: null, targetType: "user", targetId: null, data: {} }, dir).who).toBe(
      "Someone not signed in",
    );
    const unknown = describeAuditEvent(
      {
        action: "ticket.created",
        actorId: "33333333-3333-4333-8333-333333333333",
        targetType: "ticket",
        targetId: "44444444-4444-4444-8444-444444444444",
        data: { number: 7 },
      },
      dir,
    );
    expect(unknown).toMatchObject({ who: "User 33333333…", what: "opened", target: { label: "ticket #7" } });
  });

  it("turns team ids and tag lists into words, and a requester's reply into “reopened by replying to”", () => {
    const line = describeAuditEvent(
      {
        action: "ticket.updated",
        actorId: "11111111-1111-4111-8111-111111111111",
        targetType: "ticket",
        targetId: "44444444-4444-4444-8444-444444444444",
        data: {
          cause: "requester_reply",
          changes: { teamId: { from: null, to: "22222222-2222-4222-8222-222222222222" }, tags: { from: [], to: ["vip", "printer"] } },
        },
      },
      dir,
    );
    expect(line.what).toBe("reopened by replying to");
    expect(line.changes).toEqual([
      { field: "team", from: "none", to: "Billing" },
      { field: "tags", from: "none", to: "vip, printer" },
    ]);
  });

  it("keeps an action it does not know as its name, and markup in values as plain text (React escapes it)", () => {
    const line = describeAuditEvent(
      {
        action: "future.thing",
        actorId: null,
        targetType: "x",
        targetId: "abc",
        data: { changes: { title: { from: "<b>a</b>", to: "<img src=x onerror=alert(1)>" } } },
      },
      dir,
    );
    expect(line.what).toBe("future.thing");
    expect(line.changes[0]).toEqual({ field: "title", from: "<b>a</b>", to: "<img src=x onerror=alert(1)>" });
  });
});

describe("the audit actions' words (the message catalogue)", () => {
  it("has words for every action the code records (a new action without words would show its raw name)", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.(ts|tsx|sql)$/.test(f) && !/\.test\./.test(f) ? [join(dir, f)] : [],
      );
    const recorded = new Set<string>();
    for (const file of files("src")) {
      // An action named in a record ({ action: "…" }), in SQL ('action', '…'), or handed to an audit helper (auditSignIn("…", …)).
      const found = readFileSync(file, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"|'action', '([a-z_]+\.[a-z_.]+)'|\baudit\w*\(\s*"([a-z_]+\.[a-z_.]+)"/g);
      for (const m of found) recorded.add(m[1] ?? m[2] ?? m[3]!);
    }
    expect(recorded.size).toBeGreaterThan(40);
    expect(recorded).toContain("auth.sign_in_failed");
    expect([...recorded].filter((a) => !isAuditAction(a)).sort()).toEqual([]);
  });

  it("lists each action once, sorted, each with non-empty English words", () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(40);
    expect([...AUDIT_ACTIONS]).toEqual([...new Set(AUDIT_ACTIONS)].sort());
    const { t } = auditWords("en");
    for (const action of AUDIT_ACTIONS) expect(t(`action.${action}`).trim(), action).not.toBe("");
    expect(Object.keys(AUDIT_MESSAGES.en).filter((id) => id.startsWith("action.")).length).toBe(AUDIT_ACTIONS.length);
  });

  it("knows no action by a name of Object.prototype", () => {
    expect(isAuditAction("constructor")).toBe(false);
    expect(isAuditAction("toString")).toBe(false);
    expect(isAuditAction("ticket.created")).toBe(true);
  });
});
