import { now as clockNow } from "@/lib/clock";
import { timeWords } from "./format-time";
import { TimeText } from "./time-text";

type Mode = "relative" | "absolute" | "both";

/** A machine-readable <time>; the absolute time is always in its tooltip. Worded on the server. */
export function TimeStamp({ value, mode = "relative" }: { value: string | Date; mode?: Mode }) {
  return <TimeText words={timeWords(value, clockNow())} mode={mode} />;
}
