// Committed secrets (S22): secretlint's recommended rules over every tracked file, and over the lines
// the history since the reviewed baseline added (a secret removed in a later commit is still in the
// history, and still leaked). security/secret-scan-baseline names the commit up to which the history was
// scanned and its findings reviewed; a test's deliberate credential carries `secretlint-disable-line`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ScanResult {
  ok: boolean;
  output: string;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** secretlint over these files (paths relative to cwd); ok when it finds nothing. */
export function secretlint(cwd: string, files: string[], configFile: string): ScanResult {
  if (files.length === 0) return { ok: true, output: "" };
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve("secretlint/package.json")), "bin", "secretlint.js");
  const r = spawnSync(process.execPath, [bin, "--secretlintrc", configFile, "--no-color", ...files], { cwd, encoding: "utf8" });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Every file git tracks in the repository at `repo`. */
export function scanTree(repo: string, configFile: string): ScanResult {
  const files = git(repo, ["ls-files", "-z"]).split("\0").filter(Boolean);
  return secretlint(repo, files, configFile);
}

/**
 * The lines each commit in `range` (e.g. "abc123..HEAD") added, written per commit and path under a
 * temporary folder and scanned there: a finding names the commit (its folder) and the file.
 */
export function scanHistory(repo: string, range: string, configFile: string): ScanResult & { commits: number } {
  const commits = git(repo, ["rev-list", "--no-merges", range]).split("\n").filter(Boolean);
  const dir = mkdtempSync(path.join(tmpdir(), "secret-history-"));
  try {
    const written: string[] = [];
    for (const commit of commits) {
      const patch = git(repo, ["show", "--format=", "--no-color", "--no-ext-diff", "--unified=0", "--diff-filter=AMR", commit]);
      let file: string | null = null;
      const added = new Map<string, string[]>();
      for (const line of patch.split("\n")) {
        if (line.startsWith("+++ ")) file = line.startsWith("+++ b/") ? line.slice(6) : null;
        else if (file && line.startsWith("+") && !line.startsWith("+++")) added.set(file, [...(added.get(file) ?? []), line.slice(1)]);
      }
      for (const [file, lines] of added) {
        const target = path.join(dir, commit.slice(0, 12), file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, `${lines.join("\n")}\n`);
        written.push(path.relative(dir, target));
      }
    }
    return { ...secretlint(dir, written, configFile), commits: commits.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
