import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";
import { normalizeTagName, TAG_NAME_MAX } from "./tag-name";

export const TAG_SUGGESTIONS_MAX = 50;

/** Autocomplete: what has been typed so far, normalised the way a tag name is. */
export const ZListTagsQuery = z.object({
  q: zSingleLine().max(TAG_NAME_MAX).transform(normalizeTagName).optional(),
  limit: z.coerce
    .number()
    .int()
    .catch(20)
    .transform((n) => Math.min(Math.max(n, 1), TAG_SUGGESTIONS_MAX))
    .default(20),
});
export type TListTagsQuery = z.infer<typeof ZListTagsQuery>;
