import { renderMacro } from "@/domain/macros/render-macro";
import { route } from "@/http/route";

/**
 * A macro filled in for this ticket: body and field changes, nothing written (issue 11). A POST because it
 * is an action on two resources, but it reads only, so it spends the read budget.
 */
export const POST = route({ name: "macros.render", rateLimit: "read" }, ({ actor, params }) => renderMacro(actor, params.id!, params.macroId!));
