// Issue 11: macro placeholders are filled as text in one pass, never evaluated; values render as the
// characters they hold (the integration test renders the same through the API and the Markdown component).
import { describe, expect, it } from "vitest";
import { escapeMarkdownText, fillPlaceholders, firstName, PLACEHOLDERS, type PlaceholderValues } from "./placeholders";

const values = (over: Partial<PlaceholderValues> = {}): PlaceholderValues => ({
  "requester.name": "Ada Lovelace",
  "requester.first_name": "Ada",
  "requester.email": "ada@example.com",
  "ticket.number": "42",
  "ticket.title": "Printer on fire",
  "agent.name": "Sam Agent",
  "organization.name": "Acme",
  ...over,
});

describe("fillPlaceholders (issue 11)", () => {
  it("fills every known placeholder, with or without spaces inside the braces", () => {
    const template = PLACEHOLDERS.map((p) => `{{${p}}}`).join("|");
    expect(fillPlaceholders(template, values())).toBe("Ada Lovelace|Ada|ada@example.com|42|Printer on fire|Sam Agent|Acme");
    expect(fillPlaceholders("Hi {{ requester.first_name }}, {{  agent.name}}", values())).toBe("Hi Ada, Sam Agent");
  });

  it("leaves unknown placeholders and expressions exactly as written", () => {
    for (const t of [
      "{{ticket.secret}}",
      "{{constructor.constructor('return process')()}}",
      "{{__proto__}}",
      "{{constructor}}",
      "{{toString}}",
      "{{requester}}",
      "{{#each x}}{{/each}}",
      "{{requester.name | upper}}",
      "{ {requester.name} }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a JavaScript template is exactly what must stay text.
      "${requester.name}",
    ]) {
      expect(fillPlaceholders(t, values()), t).toBe(t);
    }
  });

  it("never expands placeholders that come from a value (one pass)", () => {
    const out = fillPlaceholders("Hi {{requester.name}}, this is {{agent.name}}", values({ "requester.name": "{{agent.name}}" }));
    expect(out).toBe("Hi {{agent.name}}, this is Sam Agent");
    const nested = fillPlaceholders("{{ticket.title}}", values({ "ticket.title": "{{requester.email}} {{ticket.title}}" }));
    expect(nested).toBe("{{requester.email}} {{ticket.title}}");
  });

  it("treats $-patterns in values as text (no String.replace substitution patterns)", () => {
    for (const v of ["$&", "$'", "$1", "$$", "$<name>", "$`"]) {
      expect(escapeMarkdownText(v).replaceAll("\\", ""), v).toBe(v);
      expect(fillPlaceholders("a {{requester.name}} b", values({ "requester.name": v })), v).toBe(`a ${escapeMarkdownText(v)} b`);
    }
  });
});

describe("escapeMarkdownText (issue 11, S5)", () => {
  it("escapes what opens inline markup and block markup at the start", () => {
    expect(escapeMarkdownText("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeMarkdownText("[x](javascript:alert(1))")).toBe("\\[x\\](javascript:alert(1))");
    expect(escapeMarkdownText("**b** _i_ `c` ~~s~~ a|b &amp; \\")).toBe("\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ a\\|b \\&amp; \\\\");
    expect(escapeMarkdownText("# Heading")).toBe("\\# Heading");
    expect(escapeMarkdownText("- item")).toBe("\\- item");
    expect(escapeMarkdownText("12. item")).toBe("12\\. item");
    expect(escapeMarkdownText("3) item")).toBe("3\\) item");
  });

  it("leaves ordinary names, numbers and addresses readable", () => {
    for (const v of ["Ada Lovelace", "Zoë O'Brien-Smith", "42", "ada@example.com", "Acme, Inc."]) expect(escapeMarkdownText(v)).toBe(v);
  });

  it("firstName takes the first word", () => {
    expect(firstName("  Ada   Lovelace ")).toBe("Ada");
    expect(firstName("Cher")).toBe("Cher");
    expect(firstName("")).toBe("");
  });
});
