// Where a page request over its rate limit is sent (issue 9 item 8, S8): a route handler, not a page, so
// the answer carries the real status (429) and Retry-After. It does no work a flood could amplify.
const page = (seconds: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too many requests · Helpdesk</title></head>
<body><main><h1>Too many requests</h1>
<p>You have made a lot of requests in a short time. Wait ${seconds} seconds, then <a href="/app">go back to the queue</a>.</p>
</main></body></html>`;

export function GET(req: Request): Response {
  const asked = Number(new URL(req.url).searchParams.get("retryAfter"));
  const seconds = Number.isInteger(asked) && asked >= 1 && asked <= 3600 ? asked : 60;
  return new Response(page(seconds), {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(seconds), "cache-control": "no-store" },
  });
}
