import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "@/components/messages/define";
import { VALIDATION_MESSAGES } from "@/components/messages/validation";
import { issueWords } from "./validation-words";

const english = translator(VALIDATION_MESSAGES, "en-US");

/** What a person reads for the first issue of `schema` on `input`. */
function wordsFor(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) throw new Error("expected a failure");
  const issue = result.error.issues[0]!;
  const { rule, vars } = issueWords(issue as Parameters<typeof issueWords>[0]);
  return english(rule, vars);
}

describe("validation in words a person uses (issue 13)", () => {
  it("words zod's issues as instructions, not type theory", () => {
    expect(wordsFor(z.object({ title: z.string() }), {})).toBe("is required");
    expect(wordsFor(z.string().min(1), "")).toBe("is required");
    expect(wordsFor(z.string().min(12), "short")).toBe("Use at least 12 characters.");
    expect(wordsFor(z.string().max(200), "x".repeat(201))).toBe("Use at most 200 characters.");
    expect(wordsFor(z.string().max(1), "xy")).toBe("Use at most 1 character.");
    expect(wordsFor(z.number().max(5), 6)).toBe("Use 5 or less.");
    expect(wordsFor(z.number().int(), 1.5)).toBe("Enter a whole number.");
    expect(wordsFor(z.number(), "12")).toBe("Enter a number.");
    expect(wordsFor(z.array(z.string()).max(20), Array(21).fill("a"))).toBe("Choose at most 20.");
    expect(wordsFor(z.email(), "not-an-address")).toBe("Enter an e-mail address like name@example.com.");
    expect(wordsFor(z.uuid(), "7")).toBe("Choose one from the list.");
    expect(wordsFor(z.enum(["low", "normal", "high", "urgent"]), "asap")).toBe("Choose one of: low, normal, high, urgent.");
    expect(wordsFor(z.object({}).strict(), { organizationId: "x" })).toBe("Remove what this form does not have: organizationId.");
  });

  it("never echoes a long or hostile input back: values come from the schema, cut and capped", () => {
    const many = z.enum(Array.from({ length: 12 }, (_, i) => `v${i}`) as [string, ...string[]]);
    expect(wordsFor(many, "<script>")).toBe("Choose one of: v0, v1, v2, v3, v4, v5, v6, v7, ….");
    const keys = wordsFor(z.object({}).strict(), { ["k".repeat(100)]: 1 });
    expect(keys.length).toBeLessThan(100);
  });

  it("formats numbers in the reader's locale", () => {
    const german = translator(VALIDATION_MESSAGES, "de-DE");
    expect(german("validation.tooLong", { maximum: 20000 })).toBe("Use at most 20.000 characters.");
  });
});
