import type { TRole } from "@/db/schema/enums";

export type TUserStatus = "active" | "invited" | "deactivated";

/** What the admin area shows of a user; "invited" = no password set yet. */
export function toAdminUserDto(u: {
  id: string;
  name: string;
  email: string;
  role: TRole;
  active: boolean;
  mfaEnabled: boolean;
  hasPassword: boolean;
  createdAt: Date;
}) {
  const status: TUserStatus = !u.active ? "deactivated" : u.hasPassword ? "active" : "invited";
  return { id: u.id, name: u.name, email: u.email, role: u.role, active: u.active, status, mfaEnabled: u.mfaEnabled, createdAt: u.createdAt.toISOString() };
}
export type TAdminUser = ReturnType<typeof toAdminUserDto>;
