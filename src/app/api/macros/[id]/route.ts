import { deleteMacro } from "@/domain/macros/delete-macro";
import { ZUpdateMacro } from "@/domain/macros/macros.schemas";
import { updateMacro } from "@/domain/macros/update-macro";
import { route } from "@/http/route";

export const PATCH = route({ name: "macros.update", body: ZUpdateMacro }, ({ actor, params, body }) => updateMacro(actor, params.id!, body));

export const DELETE = route({ name: "macros.delete" }, ({ actor, params }) => deleteMacro(actor, params.id!));
