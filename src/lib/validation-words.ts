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
  const shown = values.slice(0, 8).map((v) => String(v).slice(0, 40));
  return values.length > 8 ? `${shown.join(", ")}, …` : shown.join(", ");
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
      return { rule: "validation.unknownFields", vars: { keys: listValues(issue.keys ?? []) } };
    default:
      return { rule: "validation.invalid", vars: {} };
  }
}
