// The words an attacker tries first against one account (S3, issue 9 item 13; NIST SP 800-63B 5.1.1.2
// "context-specific words"): the user's name and e-mail, the organization's name and slug, this app's
// name, the years around today and the season and month words people put next to them. zxcvbn does not
// know any of these ("Welcome2Acme!!" scored 3), so they go into its dictionary as user inputs and into
// the decorated-word check of password-patterns.ts.
import { now } from "@/lib/clock";

/** Who the password is for; every field optional (the seed knows none of them). */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  orgName?: string | null;
  orgSlug?: string | null;
}

export const APP_NAME = "Helpdesk";

const SEASONS = ["spring", "summer", "autumn", "fall", "winter"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTHS_SHORT = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
/**
 * Base words people decorate with a year and a "!" (the top of every breached list), and this app's
 * own vocabulary: "Support2026!" is the first guess against a helpdesk.
 */
const BASE_WORDS = [
  "password",
  "passwort",
  "welcome",
  "letmein",
  "changeme",
  "admin",
  "administrator",
  "login",
  "secret",
  "master",
  "default",
  "guest",
  "hello",
  "iloveyou",
  "qwerty",
  "company",
  "office",
  "help",
  "desk",
  "support",
  "service",
  "ticket",
  "tickets",
];

const MIN_WORD = 3;

/** A value, its words, and its words run together: "Acme Corp" → acme corp, acme, corp, acmecorp. */
function variants(value: string | null | undefined): string[] {
  const lower = (value ?? "").normalize("NFKC").trim().toLowerCase();
  if (!lower) return [];
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [lower, words.join(""), ...words];
}

/** The account's own words, the organization's, the app's: most specific first (zxcvbn ranks by order). */
export function contextWords(context: PasswordContext): string[] {
  const email = context.email ?? "";
  const [local, domain] = email.split("@");
  const words = [
    ...variants(local),
    ...variants(context.name),
    ...variants(context.orgName),
    ...variants(context.orgSlug),
    ...variants(domain),
    ...variants(email),
    ...variants(APP_NAME),
    ...SEASONS,
    ...MONTHS,
    ...MONTHS_SHORT,
    ...BASE_WORDS,
  ];
  return [...new Set(words.filter((w) => w.length >= MIN_WORD))];
}

/** Last, this and next year (from the clock module): "Summer2026!" is set in 2025 and 2027 too. */
export function contextYears(at: Date = now()): string[] {
  const year = at.getUTCFullYear();
  return [year, year + 1, year - 1].map(String);
}
