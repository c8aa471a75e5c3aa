// Where a page request over its rate limit is sent (issue 9 item 8, S8): a route handler, not a page, so
// the answer carries the real status (429) and Retry-After. It does no work a flood could amplify.
import { tooManyRequestsPage } from "@/http/too-many-requests-page";

export function GET(req: Request): Response {
  const asked = Number(new URL(req.url).searchParams.get("retryAfter"));
  const seconds = Number.isInteger(asked) && asked >= 1 && asked <= 3600 ? asked : 60;
  return new Response(tooManyRequestsPage(seconds), {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(seconds), "cache-control": "no-store" },
  });
}
