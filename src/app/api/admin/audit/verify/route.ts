import { verifyMyAuditChain } from "@/domain/audit/verify-my-chain";
import { route } from "@/http/route";

export const POST = route({ name: "admin.audit.verify" }, ({ actor }) => verifyMyAuditChain(actor));
