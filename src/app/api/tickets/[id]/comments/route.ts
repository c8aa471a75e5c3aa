import { addComment } from "@/domain/comments/add-comment";
import { ZAddComment, ZListCommentsQuery } from "@/domain/comments/comments.schemas";
import { listComments } from "@/domain/comments/list-comments";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "comments.list", query: ZListCommentsQuery }, ({ actor, params, query }) => listComments(actor, params.id!, query));

export const POST = route({ name: "comments.create", body: ZAddComment }, async ({ actor, params, body }) =>
  json(await addComment(actor, params.id!, body), { status: 201 }),
);
