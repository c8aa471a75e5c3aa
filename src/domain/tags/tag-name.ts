// What a tag is (issue 11): one normalised name, so "Billing", " billing " and "BILLING" are one tag and
// "needs reply" is the same tag as "needs-reply". Names are data, shown as text, never markup.
import { z } from "zod";
import { isSingleLineText, SINGLE_LINE_MESSAGE } from "@/lib/text-input";

export const TAG_NAME_MAX = 40;
export const TAGS_PER_TICKET_MAX = 20;

/**
 * Compatibility-normalised (full-width and ligature look-alikes fold to one spelling), trimmed,
 * lower-case, runs of white space collapsed to one "-". Control and bidi characters are refused before
 * this runs (zSingleLine's rule), never silently removed.
 */
export function normalizeTagName(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "-");
}

/** One tag name from a client: checked against the single-line rule, then normalised and bounded. */
export const ZTagName = z
  .string()
  .max(200)
  .refine(isSingleLineText, { message: SINGLE_LINE_MESSAGE })
  .transform(normalizeTagName)
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .max(TAG_NAME_MAX, `must be at most ${TAG_NAME_MAX} characters`)
      // The comma separates tags wherever a list of them is typed or shown.
      .refine((s) => !s.includes(","), { message: "must not contain a comma" })
      // NFKC can produce what the raw check allowed only in another form; check the result too.
      .refine(isSingleLineText, { message: SINGLE_LINE_MESSAGE }),
  );

/** A list of tag names: normalised, duplicates (after normalising) dropped, order kept. */
export const zTagList = (max: number) =>
  z
    .array(ZTagName)
    .max(max, `at most ${max} tags`)
    .transform((names) => [...new Set(names)]);
