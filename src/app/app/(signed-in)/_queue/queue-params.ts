// The queue's URL is its state: filters, the saved view it came from and the page (cursor = after this
// position, before = before it). Filters arrive from the filter bar (empty fields come as "") and leave
// again in pagination links, view links and each ticket's link (`?from=`, issue 11: next/previous stay in
// the view, and "Back to the queue" returns to the same view, filters and page). This file turns raw search params into the values ZListTicketsQuery
// expects, and back into /app URLs built only from known keys.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Filters that links must carry along; the position (cursor/before) and the view are handled apart. */
export const FILTER_KEYS = ["q", "status", "priority", "assignee", "team", "tag", "requester", "mine", "sla", "sort", "limit"] as const;
const LIST_KEYS = new Set(["status", "priority"]);

export type QueueFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** Where in the queue: the page position and the saved view whose link led here. */
export interface QueuePlace {
  cursor?: string;
  before?: string;
  view?: string;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Drops empty fields; repeated list params (?status=open&status=pending) become "open,pending". */
export function readQueueParams(raw: RawSearchParams): { filters: QueueFilters } & QueuePlace {
  const filters: QueueFilters = {};
  for (const key of FILTER_KEYS) {
    const value = raw[key];
    const values = (Array.isArray(value) ? value : [value]).map((v) => v?.trim()).filter((v): v is string => !!v);
    if (values.length === 0) continue;
    filters[key] = LIST_KEYS.has(key) ? values.join(",") : values[0];
  }
  return { filters, cursor: first(raw.cursor), before: first(raw.before), view: first(raw.view) };
}

/** True when the user narrowed the queue (the page size alone does not count). */
export function hasActiveFilters(filters: QueueFilters): boolean {
  return Object.keys(filters).some((k) => k !== "limit");
}

/** The query string of a queue place, without "?": only known keys, so nothing else can ride along. */
export function queueQuery(filters: QueueFilters, place: QueuePlace = {}): string {
  const params = new URLSearchParams();
  if (place.view) params.set("view", place.view);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (place.before) params.set("before", place.before);
  else if (place.cursor) params.set("cursor", place.cursor);
  return params.toString();
}

export function queueHref(filters: QueueFilters, place: QueuePlace = {}): string {
  const qs = queueQuery(filters, place);
  return qs ? `/app?${qs}` : "/app";
}

/**
 * A ticket's link from a queue view: the view travels as `?from=` so the ticket page can offer next and
 * previous within it and lead back to the same saved view, filters and page (issue 11).
 */
export function ticketHref(ticketId: string, fromQuery: string): string {
  // The default view needs no `from`: a ticket page without one steps through the default view.
  return fromQuery ? `/app/tickets/${ticketId}?from=${encodeURIComponent(fromQuery)}` : `/app/tickets/${ticketId}`;
}

/**
 * The queue view a ticket page was opened from (`?from=`): read back through readQueueParams and rebuilt
 * from known keys only, so "Back to the queue" (`/app?` + query) never leads anywhere a crafted link names.
 */
export function readFromParam(from: string | string[] | undefined): { filters: QueueFilters; place: QueuePlace; query: string } {
  const raw = first(from) ?? "";
  const params = new URLSearchParams(raw);
  const record: RawSearchParams = {};
  for (const key of new Set(params.keys())) record[key] = params.getAll(key);
  const { filters, ...place } = readQueueParams(record);
  return { filters, place, query: queueQuery(filters, place) };
}

/**
 * The order the queue lists in, as the subtitle says it (issue 11: "the subtitle says the real order"):
 * the domain's listOrder() — a search lists best match first unless another order is chosen (issue 15).
 */
export function queueOrder(filters: QueueFilters): "due" | "newest" | "relevance" {
  if (filters.sort === "due" || filters.sla) return "due";
  const searches = !!filters.q && /[\p{L}\p{N}]/u.test(filters.q);
  return searches && (!filters.sort || filters.sort === "relevance") ? "relevance" : "newest";
}
