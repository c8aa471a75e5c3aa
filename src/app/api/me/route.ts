import { route } from "@/http/route";

export const GET = route({ name: "me", allowWithoutMfa: true }, async ({ actor }) => ({
  id: actor.userId,
  name: actor.name,
  role: actor.role,
  organizationId: actor.orgId,
  mfaEnabled: actor.mfaEnabled,
  mfaRequired: actor.mfaRequired,
}));
