import { now as clockNow } from "@/lib/clock";
import { formatAbsolute, formatRelative } from "./format-time";

type Mode = "relative" | "absolute" | "both";

/** A machine-readable <time>; the absolute time is always in its tooltip. */
export function TimeStamp({ value, mode = "relative" }: { value: string | Date; mode?: Mode }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const absolute = formatAbsolute(date);
  const relative = formatRelative(date, clockNow());
  return (
    <time dateTime={date.toISOString()} title={absolute}>
      {mode === "relative" ? relative : mode === "absolute" ? absolute : `${absolute} (${relative})`}
    </time>
  );
}
