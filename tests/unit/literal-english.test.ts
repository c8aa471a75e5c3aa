// Issue 13: the UI's texts live in the message sets (src/components/messages), so a second language is added
// there without touching components. This test reads every component, page and UI text module (.ts) with the TypeScript parser
// and lists the literal English it still shows: JSX text, and the string attributes people read (label,
// placeholder, title, aria-*, alt…), and string literals that read as a sentence. Files that are known
// not to be done yet are listed below; the list may only shrink (a listed file that no longer has any
// literal English fails too, so it is taken off).
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED_DIRS = ["src/app", "src/components"];

/** Not converted yet (relative to the repository). Each entry is a file that still shows literal English. */
const NOT_YET: readonly string[] = [];

/** Attributes whose string value a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  "label",
  "placeholder",
  "title",
  "alt",
  "aria-label",
  "aria-description",
  "aria-valuetext",
  "hint",
  "description",
  "legend",
  "summary",
  "confirm",
  "emptyText",
  "caption",
  "errorLabel",
]);

/** Attributes and call sites whose strings are machine values, never shown. */
const MACHINE_ATTRIBUTES = new Set([
  "className",
  "href",
  "id",
  "name",
  "type",
  "role",
  "key",
  "htmlFor",
  "autoComplete",
  "inputMode",
  "method",
  "action",
  "rel",
  "target",
  "src",
  "dateTime",
  "lang",
  "dir",
  "form",
  "pattern",
  "accept",
  "encType",
  "as",
  "prefetch",
  "value",
  "defaultValue",
]);

/** A string a person would read: a letter and a space between words, or a capitalised word. */
function readsAsText(text: string): boolean {
  const t = text.trim();
  if (!/[A-Za-z]/.test(t)) return false;
  if (/^[a-z0-9_.:/@#?&=%-]+$/.test(t)) return false; // ids, keys, paths, CSS-like tokens
  if (/^[A-Z_0-9]+$/.test(t)) return false; // CONSTANTS
  if (/^(GET|POST|PATCH|PUT|DELETE)\b/.test(t)) return false;
  if (/^[\w-]+(\s+[\w-]+)*$/.test(t) && !/[A-Z]/.test(t) && !/\s/.test(t)) return false;
  // Class lists and CSS values: lower-case words with dashes and no sentence shape.
  if (/^[a-z0-9-]+(\s+[a-z0-9-:[\]]+)+$/.test(t) && /-/.test(t)) return false;
  return /[A-Za-z]{2,}/.test(t);
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Expressions a string passes through unchanged on its way to where it is used. */
function isTransparent(node: ts.Node): boolean {
  return (
    ts.isJsxExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isConditionalExpression(node) ||
    ts.isTemplateSpan(node) ||
    ts.isTemplateExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    (ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
        node.operatorToken.kind,
      ))
  );
}

/** Where a string ends up: the first ancestor that is not an expression passing it through. */
function usedBy(node: ts.Node): ts.Node | undefined {
  let at: ts.Node = node;
  while (at.parent && isTransparent(at.parent) && !(ts.isConditionalExpression(at.parent) && at.parent.condition === at)) at = at.parent;
  return at.parent;
}

function readAttribute(node: ts.Node): boolean {
  const user = usedBy(node);
  return user !== undefined && ts.isJsxAttribute(user) && READ_ATTRIBUTES.has(user.name.getText());
}

function isMachineContext(node: ts.Node): boolean {
  const direct = node.parent;
  if (
    direct &&
    ts.isBinaryExpression(direct) &&
    ![ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
      direct.operatorToken.kind,
    )
  )
    return true;
  if (direct && ts.isConditionalExpression(direct) && direct.condition === node) return true;
  const parent = usedBy(node);
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isJsxAttribute(parent)) {
    const name = parent.name.getText();
    return MACHINE_ATTRIBUTES.has(name) || name.startsWith("data-") || !READ_ATTRIBUTES.has(name);
  }
  // A key of an object literal or an element access ("status" in x, x["id"]).
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent)) return true;
  // Comparisons with machine values (case "open":), not texts.
  if (ts.isCaseClause(parent)) return true;
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText();
    // Messages for developers and machine calls: logs, errors, fetch paths, class helpers, the translator's ids.
    if (
      /^(console\.\w+|fetch|t|tr|cx|clsx|cn|new URL|URLSearchParams|sendJson|postAuth|useMessages|pageMessages|router\.\w+|redirect|notFound|searchParams\.get|params\.get|data\.get|headers\.get|get|set|append|has|matchMedia|querySelector\w*|addEventListener|removeEventListener|getItem|setItem|removeItem|document\.\w+|localStorage\.\w+|sessionStorage\.\w+|\w+\.(startsWith|endsWith|includes|split|join|replace|padStart|toLocale\w*)|Error|TypeError|AppError|invariant|String\.raw|JSON\.\w+)$/.test(
        callee,
      )
    )
      return true;
  }
  if (ts.isNewExpression(parent)) return true;
  return false;
}

function scan(file: string): Finding[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push({ file, line: line + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text)) report(node, node.text);
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && readsAsText(node.text) && !isMachineContext(node)) {
      // Outside attributes, only sentences (two words or more, a capital first): single words are mostly values.
      if (readAttribute(node) || /^[A-Z][^\n]*\s\S/.test(node.text.trim())) report(node, node.text);
    } else if (ts.isTemplateExpression(node) && !isMachineContext(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" … ");
      if (readsAsText(text) && (readAttribute(node) || /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) || /^[A-Z][a-z]/.test(text.trim()))) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function componentFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (rel === "src/app/api") continue; // API answers are for developers and stay English
        walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !rel.startsWith("src/components/messages/")) files.push(rel);
    }
  };
  for (const dir of SCANNED_DIRS) walk(dir);
  return files.sort();
}

describe("message catalogue coverage (issue 13)", () => {
  const files = componentFiles();
  const findings = new Map(files.map((f) => [f, scan(f)]));

  it("finds literal English in a component that has it (the scanner itself)", () => {
    const probe = path.join(ROOT, "tests/unit/fixtures/literal-english-probe.tsx");
    const found = scan(path.relative(ROOT, probe));
    expect(found.map((f) => f.text)).toEqual(["Save changes", "Search tickets", "Nothing matches your filters."]);
  });

  it("no component outside the not-yet list shows literal English", () => {
    const offenders = [...findings]
      .filter(([file, found]) => found.length > 0 && !NOT_YET.includes(file))
      .flatMap(([, found]) => found.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`));
    expect(offenders).toEqual([]);
  });

  it("the not-yet list names only files that still have literal English", () => {
    const done = NOT_YET.filter((file) => (findings.get(file) ?? []).length === 0);
    expect(done).toEqual([]);
  });
});
