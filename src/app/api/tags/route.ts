import { listTags } from "@/domain/tags/list-tags";
import { ZListTagsQuery } from "@/domain/tags/tags.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "tags.list", query: ZListTagsQuery }, ({ actor, query }) => listTags(actor, query));
