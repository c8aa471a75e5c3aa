import type { TRole } from "@/db/schema/enums";

export type TUserStatus = "active" | "invited" | "deactivated" | "erased";

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
  /** Set once the person was erased (issue 14): what is left is a placeholder. */
  erasedAt?: Date | null;
}) {
  const status: TUserStatus = u.erasedAt ? "erased" : !u.active ? "deactivated" : u.hasPassword ? "active" : "invited";
  return { id: u.id, name: u.name, email: u.email, role: u.role, active: u.active, status, mfaEnabled: u.mfaEnabled, createdAt: u.createdAt.toISOString() };
}
export type TAdminUser = ReturnType<typeof toAdminUserDto>;
