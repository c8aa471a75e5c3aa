// A server component's texts (issue 13): its area's set in the reader's locale for this request — the
// locale pageTimePrefs() already worked out from the person, their organization and their browser.
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { type MessageSet, type Translator, translator } from "./define";

export async function pageMessages<Id extends string>(set: MessageSet<Id>): Promise<Translator<Id>> {
  return translator(set, (await pageTimePrefs()).locale);
}
