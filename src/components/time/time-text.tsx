// A time as the server already worded it (issue 15): the machine-readable value, the absolute time for
// the tooltip and the text to show. No clock and no Intl here, so client components can render it
// without re-deriving "3 hr. ago" in the browser (a hydration mismatch) or shipping the formatters.

/** [ISO value (UTC), absolute in the reader's zone ("1 Dec 2026, 04:26 CET"), relative ("4 hr. ago")] */
export type TimeWords = readonly [iso: string, absolute: string, relative: string];

type Mode = "relative" | "absolute" | "both";

export function TimeText({ words, mode = "relative" }: { words: TimeWords; mode?: Mode }) {
  const [iso, absolute, relative] = words;
  return (
    <time dateTime={iso} title={absolute}>
      {mode === "relative" ? relative : mode === "absolute" ? absolute : `${absolute} (${relative})`}
    </time>
  );
}
