// The tag list a change leaves on a ticket (issue 11): a full list replaces, then additions and removals
// apply. More than TAGS_PER_TICKET_MAX is refused, naming the field, before anything is written.
import { InvalidField } from "@/lib/errors";
import { TAGS_PER_TICKET_MAX } from "./tag-name";

export interface TagChange {
  /** The whole list (PATCH `tags`). */
  set?: string[];
  add?: string[];
  remove?: string[];
}

export const hasTagChange = (c: TagChange) => c.set !== undefined || !!c.add?.length || !!c.remove?.length;

/** Sorted, so the same set always reads (and compares) the same way on the ticket and its timeline. */
export function nextTags(current: readonly string[], change: TagChange): string[] {
  const result = new Set(change.set ?? current);
  for (const name of change.add ?? []) result.add(name);
  for (const name of change.remove ?? []) result.delete(name);
  if (result.size > TAGS_PER_TICKET_MAX) {
    throw InvalidField("tags", `A ticket can have at most ${TAGS_PER_TICKET_MAX} tags`);
  }
  return [...result].sort();
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}
