import { describe, expect, it } from "vitest";
import { ROLES } from "@/db/schema/enums";
import { PERMISSIONS, roleCan, type Permission } from "./permissions";

describe("permission table (S17, S19)", () => {
  it("every permission names at least one known role and says what it allows", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      expect(PERMISSIONS[p].roles.length, p).toBeGreaterThan(0);
      for (const role of PERMISSIONS[p].roles) expect(ROLES, p).toContain(role);
      expect(PERMISSIONS[p].description.trim().length, p).toBeGreaterThan(10);
    }
  });

  it("the role × permission matrix is the reviewed one (permission-matrix.md): a change of rights shows in review", async () => {
    const lines = [
      `| permission | ${ROLES.join(" | ")} | what it allows |`,
      `| --- | ${ROLES.map(() => "---").join(" | ")} | --- |`,
      ...(Object.keys(PERMISSIONS) as Permission[]).map(
        (p) => `| \`${p}\` | ${ROLES.map((r) => (roleCan(r, p) ? "yes" : "-")).join(" | ")} | ${PERMISSIONS[p].description} |`,
      ),
    ];
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./permission-matrix.md");
  });

  it("requesters can never change priority, assign, or see or write internal notes", () => {
    for (const p of [
      "tickets.update.priority",
      "tickets.assign",
      "tickets.update.status",
      "comments.read.internal",
      "comments.create.internal",
      "tickets.read.all",
      "tickets.read.triage",
      "directory.read",
      "macros.use",
      "macros.personal.manage",
      "macros.shared.manage",
    ] as const) {
      expect(roleCan("requester", p), p).toBe(false);
    }
  });

  it("only admins hold admin permissions (S17): users, teams, organization settings, audit, admin area", () => {
    const ADMIN_AREAS = ["admin.", "users.", "teams.", "org.settings.", "audit.", "sla.policies.", "webhooks.", "macros.shared."];
    const adminPermissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => ADMIN_AREAS.some((a) => p.startsWith(a)));
    for (const p of [
      "admin.area",
      "users.read",
      "users.invite",
      "users.manage",
      "users.mfa.reset",
      "teams.manage",
      "org.settings.update",
      "audit.read",
      "audit.verify",
    ]) {
      expect(adminPermissions, p).toContain(p);
    }
    for (const p of adminPermissions) {
      expect(PERMISSIONS[p].roles, p).toEqual(["admin"]);
      for (const role of ROLES) expect(roleCan(role, p), `${role} ${p}`).toBe(role === "admin");
    }
  });

  it("staff can work every ticket of their organization", () => {
    for (const role of ["agent", "admin"] as const) {
      for (const p of ["tickets.read.all", "tickets.update.status", "tickets.update.priority", "tickets.assign", "comments.create.internal"] as const) {
        expect(roleCan(role, p), `${role} ${p}`).toBe(true);
      }
    }
  });
});
