import { deleteTag } from "@/domain/tags/delete-tag";
import { route } from "@/http/route";

export const DELETE = route({ name: "tags.delete" }, ({ actor, params }) => deleteTag(actor, params.id!));
