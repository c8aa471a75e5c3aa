// The 429 page a browser sees for a page request over its budget: from the landing route a throttled page
// redirects to (src/app/app/too-many-requests) and from the anonymous gate in front of Next.
export function tooManyRequestsPage(seconds: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too many requests · Helpdesk</title></head>
<body><main><h1>Too many requests</h1>
<p>You have made a lot of requests in a short time. Wait ${seconds} seconds, then <a href="/app">go back to the queue</a>.</p>
</main></body></html>`;
}
