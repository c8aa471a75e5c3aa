import { addComment } from "@/domain/comments/add-comment";
import { ZAddComment, ZListCommentsQuery } from "@/domain/comments/comments.schemas";
import { listComments } from "@/domain/comments/list-comments";
import { ticketEtag, versionsFromIfMatch } from "@/domain/tickets/ticket-version";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "comments.list", query: ZListCommentsQuery }, ({ actor, params, query }) => listComments(actor, params.id!, query));

/** The new comment; the ETag is the ticket's version after it (with If-Match: 412 when the page is stale). */
export const POST = route({ name: "comments.create", body: ZAddComment }, async ({ req, actor, params, body }) => {
  const { comment, version } = await addComment(actor, params.id!, body, versionsFromIfMatch(req.headers.get("if-match")));
  return json(comment, { status: 201, headers: { etag: ticketEtag(version) } });
});
