import { describe, expect, it } from "vitest";
import { ROLES } from "@/db/schema/enums";
import { PERMISSIONS, roleCan, type Permission } from "./permissions";

describe("permission table (S17, S19)", () => {
  it("prints the role x permission matrix (the single source of truth)", () => {
    const rows = (Object.keys(PERMISSIONS) as Permission[]).map((p) => ({
      permission: p,
      ...Object.fromEntries(ROLES.map((r) => [r, roleCan(r, p) ? "yes" : "-"])),
      description: PERMISSIONS[p].description,
    }));
    console.table(rows);
    expect(rows.length).toBeGreaterThan(10);
  });

  it("requesters can never change priority, assign, or see or write internal notes", () => {
    for (const p of ["tickets.update.priority", "tickets.assign", "tickets.update.status", "comments.read.internal", "comments.create.internal", "tickets.read.all", "directory.read"] as const) {
      expect(roleCan("requester", p), p).toBe(false);
    }
  });

  it("only admins hold admin permissions (S17): users, teams, organization settings, audit, admin area", () => {
    const ADMIN_AREAS = ["admin.", "users.", "teams.", "org.settings.", "audit.", "sla.policies.", "webhooks."];
    const adminPermissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => ADMIN_AREAS.some((a) => p.startsWith(a)));
    for (const p of ["admin.area", "users.read", "users.invite", "users.manage", "users.mfa.reset", "teams.manage", "org.settings.update", "audit.read", "audit.verify"]) {
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
