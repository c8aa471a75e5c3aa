// Saved views (issue 11): a name and the queue's own filters. Filters are validated by the queue's schema
// (ZListTicketsQuery) and stored in its canonical string form, so a view's link is exactly the queue URL
// its filters make, and a view can never hold a filter the queue would refuse.
import { z } from "zod";
import type { SavedViewFilters } from "@/db/schema";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { zSingleLine } from "@/lib/text-input";

export const VIEW_NAME_MAX = 60;
/** Per person (personal views) and per organization (shared views): a sidebar, not a database. */
export const VIEWS_PER_KIND_MAX = 30;

export const VIEW_FILTER_KEYS = ["status", "priority", "assignee", "team", "tag", "q", "sla", "sort"] as const satisfies readonly (keyof SavedViewFilters)[];

const ZFilterValue = zSingleLine().max(200).optional();

export const ZViewFilters = z
  .object(Object.fromEntries(VIEW_FILTER_KEYS.map((k) => [k, ZFilterValue])) as Record<(typeof VIEW_FILTER_KEYS)[number], typeof ZFilterValue>)
  .strict()
  .transform((raw, ctx): SavedViewFilters => {
    const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
    const parsed = ZListTicketsQuery.safeParse(present);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    const q = parsed.data;
    const out: SavedViewFilters = {};
    if (q.status?.length) out.status = q.status.join(",");
    if (q.priority?.length) out.priority = q.priority.join(",");
    if (q.assignee) out.assignee = q.assignee;
    if (q.team) out.team = q.team;
    if (q.tag) out.tag = q.tag;
    if (q.q) out.q = q.q;
    if (q.sla) out.sla = q.sla;
    if (q.sort) out.sort = q.sort;
    return out;
  });

const ZViewName = zSingleLine().trim().min(1).max(VIEW_NAME_MAX);

export const ZCreateView = z
  .object({
    name: ZViewName,
    /** Shared with every staff member of the organization (views.manage.shared); personal otherwise. */
    shared: z.boolean().default(false),
    filters: ZViewFilters,
  })
  .strict();
export type TCreateView = z.infer<typeof ZCreateView>;

export const ZUpdateView = z
  .object({ name: ZViewName.optional(), filters: ZViewFilters.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.filters !== undefined, { message: "Nothing to update" });
export type TUpdateView = z.infer<typeof ZUpdateView>;

export const ZListViewsQuery = z.object({
  /** With each view's ticket count (capped: "1,000+"). */
  counts: z
    .enum(["1", "true", "0", "false"])
    .transform((v) => v === "1" || v === "true")
    .optional(),
});
export type TListViewsQuery = z.infer<typeof ZListViewsQuery>;
