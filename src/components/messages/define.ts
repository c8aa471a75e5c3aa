// The message catalogue's building block (issue 13): each area of the UI (sign-in, queue, ticket page,
// admin…) keeps its texts in one `defineMessages` set under src/components/messages/, English complete and
// any other language beside it. A component asks for its area's set and the reader's locale and gets a
// `t(id, vars)`; it never holds a literal sentence. Sets are per area, not one object, so a client
// component ships only the texts of its own area (first-load JavaScript, issue 15).
//
// A second language is added in the sets, not in components: a `de: { … }` beside `en` in each set. Ids a
// language lacks fall back to English, so a half-done translation still shows every text.

/** The languages the sets are written in: add one here when its texts are added to the sets. */
export const LANGUAGES: readonly string[] = ["en"];

/** The language a page in `locale` is shown in, for <html lang>: the reader's, or English where it has no texts. */
export function pageLanguage(locale: string): string {
  const language = languageOf(locale);
  return LANGUAGES.includes(language) ? language : "en";
}

export type MessageVars = Readonly<Record<string, string | number>>;

/**
 * A text: a string whose `{name}` placeholders are filled from the vars, or a function of the vars and the
 * locale, for plurals and grammar a placeholder cannot express (`plural()` below).
 */
export type Message = string | ((vars: MessageVars, locale: string) => string);

export interface MessageSet<Id extends string> {
  readonly en: Readonly<Record<Id, Message>>;
  readonly others: Readonly<Record<string, Partial<Record<Id, Message>>>>;
}

export type MessageIdOf<S> = S extends MessageSet<infer Id> ? Id : never;

/** A translator for one set and one locale. */
export type Translator<Id extends string> = (id: Id, vars?: MessageVars) => string;

/** Declares an area's texts: English (complete), then other languages by primary subtag ("de", "fr"). */
export function defineMessages<const En extends Record<string, Message>>(
  en: En,
  others: Readonly<Record<string, Partial<Record<keyof En & string, Message>>>> = {},
): MessageSet<keyof En & string> {
  return { en, others };
}

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(text: string, vars: MessageVars | undefined): string {
  if (!vars) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The primary language subtag of a BCP 47 locale ("de-CH" → "de"). */
export function languageOf(locale: string): string {
  return locale.split("-")[0]?.toLowerCase() || "en";
}

/** `set`'s texts for `locale`: its language's where it has them, English for every other id. */
export function translator<Id extends string>(set: MessageSet<Id>, locale: string): Translator<Id> {
  const language = languageOf(locale);
  const own = language === "en" ? undefined : set.others[language];
  return (id, vars) => {
    const message = own?.[id] ?? set.en[id];
    return typeof message === "function" ? message(vars ?? {}, locale) : fill(message, vars);
  };
}

/**
 * Picks the form of a count the locale's grammar needs (Intl.PluralRules: "one", "few", "many", "other"…),
 * with `{count}` filled in the locale's digits: plural(n, locale, { one: "{count} ticket", other: "{count} tickets" }).
 */
export function plural(count: number, locale: string, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  const rule = new Intl.PluralRules(locale).select(count);
  return (forms[rule] ?? forms.other).replace(/\{count\}/g, new Intl.NumberFormat(locale).format(count));
}
