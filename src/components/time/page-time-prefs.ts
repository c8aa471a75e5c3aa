// The reader's effective time zone and locale for one page request (issue 13): their own choice, their
// organization's default, then what their browser said (lib/preferences.ts). Cached per request like
// the actor it starts from (auth/page-actor.ts), so every <TimeStamp> of a page costs nothing more.
import { headers } from "next/headers";
import { cache } from "react";
import { optionalPageActor } from "@/auth/page-actor";
import { browserPrefsFrom, type TimePrefs, timePrefsFor } from "@/lib/preferences";

export const pageTimePrefs = cache(async (): Promise<TimePrefs> => {
  const [actor, h] = await Promise.all([optionalPageActor(), headers()]);
  return timePrefsFor(actor, browserPrefsFrom(h));
});
