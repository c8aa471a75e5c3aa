import { now as clockNow } from "@/lib/clock";
import { timeWords } from "./format-time";
import { pageTimePrefs } from "./page-time-prefs";
import { TimeText } from "./time-text";

type Mode = "relative" | "absolute" | "both";

/**
 * A machine-readable <time>; the absolute time is always in its tooltip. Worded on the server, in the
 * reader's time zone and locale (issue 13). Server components only: client components use ClientTime.
 */
export async function TimeStamp({ value, mode = "relative" }: { value: string | Date; mode?: Mode }) {
  return <TimeText words={timeWords(value, clockNow(), await pageTimePrefs())} mode={mode} />;
}
