import { ZUpdateOrganizationSettings } from "@/domain/admin/admin.schemas";
import { getOrganizationSettings, updateOrganizationSettings } from "@/domain/admin/organization-settings";
import { route } from "@/http/route";

export const GET = route({ name: "admin.organization.get" }, ({ actor }) => getOrganizationSettings(actor));

export const PATCH = route({ name: "admin.organization.update", body: ZUpdateOrganizationSettings }, ({ actor, body }) =>
  updateOrganizationSettings(actor, body),
);
