import { describe, expect, it } from "vitest";
import type { TRole } from "@/db/schema/enums";
import { offersErasure } from "./offers-erasure";

const admin = { userId: "admin-1", role: "admin" as const };
const row = (role: TRole, active: boolean, status: "active" | "invited" | "deactivated" | "erased" = active ? "active" : "deactivated") => ({
  id: "user-2",
  role,
  active,
  status,
});

describe("the users page offers erasure exactly when the API would accept it (issue 13)", () => {
  it("offers it for a requester, active or not, and for staff once deactivated", () => {
    expect(offersErasure(admin, row("requester", true))).toBe(true);
    expect(offersErasure(admin, row("requester", true, "invited"))).toBe(true);
    expect(offersErasure(admin, row("requester", false))).toBe(true);
    expect(offersErasure(admin, row("agent", false))).toBe(true);
    expect(offersErasure(admin, row("admin", false))).toBe(true);
  });

  it("does not offer it for active staff (invited ones included), oneself, the erased, or without the permission", () => {
    expect(offersErasure(admin, row("agent", true))).toBe(false);
    expect(offersErasure(admin, row("admin", true))).toBe(false);
    expect(offersErasure(admin, row("agent", true, "invited"))).toBe(false);
    expect(offersErasure(admin, { ...row("requester", false), id: admin.userId })).toBe(false);
    expect(offersErasure(admin, row("requester", false, "erased"))).toBe(false);
    expect(offersErasure({ userId: "agent-1", role: "agent" }, row("requester", true))).toBe(false);
  });
});
