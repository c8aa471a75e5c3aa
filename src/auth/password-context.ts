// The words an attacker tries first against one account (S3, issue 9 item 13; NIST SP 800-63B 5.1.1.2
// "context-specific words"): the user's name and e-mail, the organization's name and slug and e-mail
// domain, this app's name, the years around today, quarters, and the season and month words people put
// next to them — in the languages our users write, not only English ("Sommer2026!", "Janvier2026!!").
// zxcvbn does not know any of these ("Welcome2Acme!!" scored 3), so they go into its dictionary as user
// inputs and into the predictable-parts reading of password-patterns.ts.
//
// Other organizations' names are deliberately not read from the database: a refusal would tell a user
// which other tenants exist (and the policy would read across tenants). A password built from ANY name
// plus dates, quarters and symbols is refused anyway, because what is left after removing the
// predictable parts ("Globex" in "Globex!2026!Q1") is far too short to stand on its own.
import { now } from "@/lib/clock";
import { canonicalPassword } from "./password-normalise";

/** Who the password is for; every field optional (the seed knows none of them). */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  orgName?: string | null;
  orgSlug?: string | null;
}

export const APP_NAME = "Helpdesk";

/** What a known word is, for the message that explains a refusal. */
export type WordKind = "personal" | "organization" | "app" | "season" | "common";

/** Space-separated word lists, one line per language or theme. */
const words = (...lines: string[]): string[] => lines.flatMap((line) => line.split(" "));

/** Seasons and months (full and short) in English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish. */
const SEASONS_AND_MONTHS: readonly string[] = words(
  // en
  "spring summer autumn fall winter",
  "january february march april may june july august september october november december",
  "jan feb mar apr jun jul aug sep sept oct nov dec",
  // de (umlauts are folded away before matching: "März" → "marz"; "ae" spellings too)
  "fruhling fruehling sommer herbst",
  "januar janner jaenner februar marz maerz mai juni juli oktober dezember okt dez",
  // fr
  "printemps automne hiver",
  "janvier fevrier mars avril juin juillet aout septembre octobre novembre decembre",
  // es
  "primavera verano otono invierno",
  "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre",
  // it
  "estate autunno inverno",
  "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre",
  // pt
  "verao outono",
  "janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro",
  // nl
  "lente zomer herfst januari februari maart mei augustus",
  // pl
  "wiosna lato jesien zima",
  "styczen luty marzec kwiecien czerwiec lipiec sierpien wrzesien pazdziernik listopad grudzien",
  // sv
  "sommar vinter hosten",
);

/**
 * Base words people decorate with a year and a "!" (the top of every breached list), words of
 * affection and company-name suffixes people add to a name ("iloveacme", "AcmeCorp"), and this app's
 * own vocabulary: "Support2026!" is the first guess against a helpdesk.
 */
const COMMON_WORDS: readonly string[] = words(
  "password passwort passwd welcome letmein changeme admin administrator login secret",
  "master default guest hello qwerty company office",
  "iloveyou ilove love luv heart welove weare team rocks",
  "corp corporation inc ltd llc gmbh group holding holdings international global",
);
const APP_WORDS: readonly string[] = words("help desk support service servicedesk ticket tickets");

const MIN_WORD = 3;

/** A value, its words, and its words run together: "Acme Corp" → acme corp, acme, corp, acmecorp. */
function variants(value: string | null | undefined): string[] {
  const lower = canonicalPassword(value ?? "")
    .trim()
    .toLowerCase();
  if (!lower) return [];
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [lower, words.join(""), ...words];
}

export interface KnownWord {
  word: string;
  kind: WordKind;
}

/** The account's own words, the organization's, the app's, then the generic ones: most specific first. */
export function knownWords(context: PasswordContext): KnownWord[] {
  const email = context.email ?? "";
  const [local, domain] = email.split("@");
  const groups: Array<[WordKind, string[]]> = [
    // The whole address as one word; its domain's words are the organization's.
    ["personal", [...variants(local), ...variants(context.name), canonicalPassword(email).trim().toLowerCase()]],
    ["organization", [...variants(context.orgName), ...variants(context.orgSlug), ...variants(domain)]],
    ["app", [...variants(APP_NAME), ...APP_WORDS]],
    ["season", [...SEASONS_AND_MONTHS]],
    ["common", [...COMMON_WORDS]],
  ];
  const seen = new Set<string>();
  const words: KnownWord[] = [];
  for (const [kind, list] of groups) {
    for (const word of list) {
      if (word.length < MIN_WORD || seen.has(word)) continue;
      seen.add(word);
      words.push({ word, kind });
    }
  }
  return words;
}

/** The same, as plain words (zxcvbn's user inputs). */
export function contextWords(context: PasswordContext): string[] {
  return knownWords(context).map((w) => w.word);
}

/** How far around today a year counts as a date: passwords are set years ahead and kept years after. */
export const YEARS_AROUND = 5;

/** This year first, then the years around it (from the clock module): "Summer2026!" is set in 2021–2031. */
export function contextYears(at: Date = now()): string[] {
  const year = at.getUTCFullYear();
  const years = [year];
  for (let d = 1; d <= YEARS_AROUND; d++) years.push(year + d, year - d);
  return years.map(String);
}

/** Quarters and halves as people write them next to a year: "Q1", "H2". */
export const PERIODS: readonly string[] = ["q1", "q2", "q3", "q4", "h1", "h2"];
