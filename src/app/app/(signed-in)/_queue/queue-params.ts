// The queue's URL is its state: filters arrive from a GET form (so empty fields come as "") and leave again
// in the pagination links. This file turns the raw search params into the values ZListTicketsQuery expects.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Filters that pagination links must carry along; `cursor` is handled separately. */
export const FILTER_KEYS = ["q", "status", "priority", "assignee", "team", "requester", "mine", "sla", "sort", "limit"] as const;
const LIST_KEYS = new Set(["status", "priority"]);

export type QueueFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** Drops empty fields; repeated list params (?status=open&status=pending) become "open,pending". */
export function readQueueParams(raw: RawSearchParams): { filters: QueueFilters; cursor: string | undefined } {
  const filters: QueueFilters = {};
  for (const key of FILTER_KEYS) {
    const value = raw[key];
    const values = (Array.isArray(value) ? value : [value]).map((v) => v?.trim()).filter((v): v is string => !!v);
    if (values.length === 0) continue;
    filters[key] = LIST_KEYS.has(key) ? values.join(",") : values[0];
  }
  const cursor = Array.isArray(raw.cursor) ? raw.cursor[0] : raw.cursor;
  return { filters, cursor: cursor || undefined };
}

/** True when the user narrowed the queue (the page size alone does not count). */
export function hasActiveFilters(filters: QueueFilters): boolean {
  return Object.keys(filters).some((k) => k !== "limit");
}

/** The queue view as a query string (no "?"): what a ticket link carries as `from` (issue 11). */
export function queueQuery(filters: QueueFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

export function queueHref(filters: QueueFilters, cursor?: string | null): string {
  const qs = queueQuery(filters, cursor);
  return qs ? `/app?${qs}` : "/app";
}

/**
 * A ticket's link from a queue view: the view travels as `?from=` so the ticket page can offer next and
 * previous within it and lead back to the same filters and page.
 */
export function ticketHref(ticketId: string, fromQuery: string): string {
  // The default view needs no `from`: a ticket page without one steps through the default view.
  return fromQuery ? `/app/tickets/${ticketId}?from=${encodeURIComponent(fromQuery)}` : `/app/tickets/${ticketId}`;
}

/** The queue view a ticket page was opened from (`?from=`), as filters and cursor; the default view otherwise. */
export function readFromParam(from: string | string[] | undefined): { filters: QueueFilters; cursor: string | undefined; query: string } {
  const raw = typeof from === "string" ? from : "";
  const params = new URLSearchParams(raw);
  const rawParams: RawSearchParams = {};
  for (const key of new Set(params.keys())) rawParams[key] = params.getAll(key);
  const { filters, cursor } = readQueueParams(rawParams);
  return { filters, cursor, query: queueQuery(filters, cursor) };
}
