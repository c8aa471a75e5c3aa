// Texts for what renders around every page (issue 13): the root layout's title and description and the
// 404 page, in the browser's language (Accept-Language) or the default. They never read the session: a
// session read is also a point of the page rate limit (auth/page-actor.ts), and a mistyped address or the
// document's <title> must not spend one. Pages use pageMessages(), which adds the person's own choice.
import { headers } from "next/headers";
import { browserPrefsFrom, timePrefsFor } from "@/lib/preferences";
import { type MessageSet, type Translator, translator } from "./define";

/** The browser's locale (Accept-Language, checked against Intl), or the default. */
export async function browserLocale(): Promise<string> {
  return timePrefsFor(null, browserPrefsFrom(await headers())).locale;
}

export async function browserMessages<Id extends string>(set: MessageSet<Id>): Promise<Translator<Id>> {
  return translator(set, await browserLocale());
}
