import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { verifyAndCheckpoint } from "./verify-and-checkpoint";

/** The admin action: verify the organization's chain now; the request itself is recorded afterwards. */
export async function verifyMyAuditChain(actor: Actor) {
  requirePermission(actor, "audit.verify");
  const result = await verifyAndCheckpoint(actor.orgId);
  await scoped(actor).audit.record({
    action: "audit.verified",
    targetType: "audit",
    data: { ok: result.ok, lastSeq: result.lastSeq, problem: result.problem?.kind ?? null },
  });
  return result;
}
