import { getView } from "@/domain/views/list-views";
import { deleteView, updateView } from "@/domain/views/save-view";
import { ZUpdateView } from "@/domain/views/views.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "views.get" }, ({ actor, params }) => getView(actor, params.id!));

export const PATCH = route({ name: "views.update", body: ZUpdateView }, ({ actor, params, body }) => updateView(actor, params.id!, body));

export const DELETE = route({ name: "views.delete" }, ({ actor, params }) => deleteView(actor, params.id!));
