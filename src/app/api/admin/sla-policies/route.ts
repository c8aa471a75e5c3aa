import { getSlaConfiguration, updateSlaConfiguration } from "@/domain/sla/sla-policies";
import { ZSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "admin.sla_policies.get" }, ({ actor }) => getSlaConfiguration(actor));

export const PUT = route({ name: "admin.sla_policies.update", body: ZSlaConfiguration }, ({ actor, body }) => updateSlaConfiguration(actor, body));
