import { ZSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { previewSlaConfiguration } from "@/domain/sla/preview-sla";
import { route } from "@/http/route";

// A read that takes the draft configuration as its body: nothing is stored, so it counts as a read.
export const POST = route({ name: "admin.sla_policies.preview", body: ZSlaConfiguration, rateLimit: "read" }, async ({ actor, body }) =>
  previewSlaConfiguration(actor, body),
);
