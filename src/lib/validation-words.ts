// Which plain-words rule (components/messages/validation.ts) a zod issue breaks, with the numbers and values
// the sentence needs (issue 13 polish: "Too small: expected string to have >=1 characters" becomes "Fill in
// this field."). Pure, shared by the API (its English message) and the forms (the reader's language).
import type { ValidationRule } from "@/components/messages/validation";

export interface IssueWords {
  rule: ValidationRule;
  vars: Record<string, string | number>;
}

/** The fields of a zod 4 issue this reads; everything else about it is ignored. */
export interface IssueLike {
  code: string;
  input?: unknown;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
}

const FORMATS: Record<string, ValidationRule> = {
  email: "validation.email",
  url: "validation.url",
  uuid: "validation.id",
  guid: "validation.id",
  date: "validation.date",
  datetime: "validation.dateTime",
};

const TYPES: Record<string, ValidationRule> = {
  string: "validation.text",
  number: "validation.number",
  int: "validation.wholeNumber",
  boolean: "validation.yesNo",
  array: "validation.list",
};

/** Values listed in a sentence: at most eight, each cut to 40 characters (they come from our schemas). */
function listValues(values: readonly unknown[]): string {
  // Cut by code points: a cut inside a surrogate pair would answer a lone surrogate.
  const shown = values.slice(0, 8).map((v) => Array.from(String(v)).slice(0, 40).join(""));
  return values.length > 8 ? `${shown.join(", ")}, …` : shown.join(", ");
}

/** What a field of ours can be called: a form never sends another name, so nothing else is repeated. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * Unknown fields a body named. Their names are the client's, not our schemas' (attack pass, issue 13:
 * "<script>…</script>", 40-character cuts of any text came back in the answer and in a form's words): only
 * names shaped like a field name are listed, any other stands as "…".
 */
function listKeys(keys: readonly string[]): string {
  const named = keys.filter((k) => FIELD_NAME.test(k));
  const shown = named.slice(0, 8);
  return named.length === keys.length && named.length <= 8 ? shown.join(", ") : [...shown, "…"].join(", ");
}

export function issueWords(issue: IssueLike): IssueWords {
  const size = (n: number | bigint | undefined) => Number(n ?? 0);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return { rule: "validation.required", vars: {} };
      return { rule: TYPES[issue.expected ?? ""] ?? "validation.wrongKind", vars: {} };
    case "too_small":
      if (issue.origin === "string") return { rule: "validation.tooShort", vars: { minimum: size(issue.minimum) } };
      if (issue.origin === "array" || issue.origin === "set") return { rule: "validation.tooFew", vars: { minimum: size(issue.minimum) } };
      return { rule: "validation.tooSmall", vars: { minimum: size(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") return { rule: "validation.tooLong", vars: { maximum: size(issue.maximum) } };
      if (issue.origin === "array" || issue.origin === "set") return { rule: "validation.tooMany", vars: { maximum: size(issue.maximum) } };
      return { rule: "validation.tooBig", vars: { maximum: size(issue.maximum) } };
    case "invalid_format":
      return { rule: FORMATS[issue.format ?? ""] ?? "validation.format", vars: {} };
    case "invalid_value":
      return { rule: "validation.oneOf", vars: { values: listValues(issue.values ?? []) } };
    case "unrecognized_keys":
      return { rule: "validation.unknownFields", vars: { keys: listKeys(issue.keys ?? []) } };
    default:
      return { rule: "validation.invalid", vars: {} };
  }
}
