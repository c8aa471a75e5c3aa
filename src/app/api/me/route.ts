import { route } from "@/http/route";

export const GET = route({ name: "me" }, async ({ actor }) => ({
  id: actor.userId,
  name: actor.name,
  role: actor.role,
  organizationId: actor.orgId,
}));
