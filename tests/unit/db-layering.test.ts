// issue 10: db/ never imports domain/ (DESIGN.md layout), so the data layer can be read and changed without
// the use-cases, and the audit write path no longer bounces db → domain → db. Checked on the source text.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const DB = join(__dirname, "../../src/db");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every module specifier a file names: static and dynamic imports, re-exports, import() types. */
function specifiers(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g);
  return [...found].map((m) => m[1]!);
}

describe("src/db layering", () => {
  it("finds the data layer's files (the scan is not empty)", () => {
    const files = sourceFiles(DB).map((f) => relative(DB, f));
    expect(files).toContain("scoped/index.ts");
    expect(files).toContain("audit-chain/append.ts");
  });

  it("imports nothing from src/domain", () => {
    const offenders = sourceFiles(DB).flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => s.startsWith("@/domain") || /(^|\/)\.\.\/(\.\.\/)*domain(\/|$)/.test(s))
        .map((s) => `${relative(DB, file)} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it("recognises a domain import in every spelling it checks", () => {
    const probe = `import { a } from "@/domain/x";\nexport { b } from "../../domain/y";\nconst c = await import("../domain/z");\nimport "@/domain/w";`;
    expect(specifiers(probe)).toEqual(["@/domain/x", "../../domain/y", "../domain/z", "@/domain/w"]);
  });
});
