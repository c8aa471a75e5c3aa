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

export function queueHref(filters: QueueFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  const qs = params.toString();
  return qs ? `/app?${qs}` : "/app";
}
