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

  it("staff can work every ticket of their organization", () => {
    for (const role of ["agent", "admin"] as const) {
      for (const p of ["tickets.read.all", "tickets.update.status", "tickets.update.priority", "tickets.assign", "comments.create.internal"] as const) {
        expect(roleCan(role, p), `${role} ${p}`).toBe(true);
      }
    }
  });
});
