// What the benchmarks load: the JSON API shapes of the ticket list and the four pages of issue 15 (queue,
// ticket, search, a deep page), with the session cookie of the bench agent. Shared by bench/run.ts and
// bench/profile.ts so both measure the same requests.
import { SEARCH_TERMS } from "./vocabulary";

export interface Target {
  /** Short stable key (bench:profile only=<key>). */
  key: string;
  name: string;
  path: string;
  session: boolean;
  kind: "api" | "page";
}

type Page = { items: { id: string }[]; nextCursor: string | null };

/** Follows nextCursor `pages` times (100 rows each) and returns the cursor found there. */
async function deepCursor(get: (path: string) => Promise<Page>, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page: Page = await get(`/api/tickets?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    if (!page.nextCursor) throw new Error("ran out of pages before the deep-page cursor");
    cursor = page.nextCursor;
  }
  return cursor!;
}

export async function benchTargets(_baseUrl: string, _cookie: string, get: (path: string) => Promise<unknown>): Promise<Target[]> {
  const getPage = get as (path: string) => Promise<Page>;
  const cursor = await deepCursor(getPage, 3);
  const first = await getPage("/api/tickets?limit=1");
  const ticketId = first.items[0]?.id;
  if (!ticketId) throw new Error("the bench agent sees no ticket");
  const q = (s: string) => encodeURIComponent(s);
  const api = (key: string, name: string, path: string, session = true): Target => ({ key, name, path, session, kind: "api" });
  const page = (key: string, name: string, path: string): Target => ({ key, name, path, session: true, kind: "page" });
  return [
    api("health", "health", "/api/health", false),
    api("me", "me (session lookup only)", "/api/me"),
    api("list", "first page", "/api/tickets"),
    api("open", "status=open, 50", "/api/tickets?status=open&limit=50"),
    api("mine", "assignee=me", "/api/tickets?assignee=me"),
    api("deep", "deep page (row 300+)", `/api/tickets?cursor=${cursor}`),
    api("common", `q=${SEARCH_TERMS.common} (common)`, `/api/tickets?q=${q(SEARCH_TERMS.common)}`),
    api("rare", `q=${SEARCH_TERMS.rare} (rare)`, `/api/tickets?q=${q(SEARCH_TERMS.rare)}`),
    api("two", `q=${SEARCH_TERMS.twoWords} (two words)`, `/api/tickets?q=${q(SEARCH_TERMS.twoWords)}`),
    page("queue-page", "page: queue", "/app"),
    page("ticket-page", "page: ticket", `/app/tickets/${ticketId}`),
    page("search-page", "page: search", `/app?q=${q(SEARCH_TERMS.twoWords)}`),
    page("deep-page", "page: deep page", `/app?cursor=${cursor}`),
  ];
}
