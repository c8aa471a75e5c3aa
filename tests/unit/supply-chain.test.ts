// S22, issue 14: the supply-chain gate (npm run supply-chain) fails on what it exists to catch — a
// planted secret (in the tree, and in the history after it was deleted), an install script nobody
// reviewed, a high advisory in a production dependency — and passes what was reviewed.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type AuditReport, auditGate, blockingFindings } from "@/ops/supply-chain/audit-gate";
import { unreviewedInstallScripts } from "@/ops/supply-chain/install-scripts";
import { scanHistory, scanTree } from "@/ops/supply-chain/secrets";

const CONFIG = path.resolve(import.meta.dirname, "../../.secretlintrc.json");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A GitHub token's shape, made at run time so that no token is ever committed here. */
const plantedToken = () => `ghp_${Array.from({ length: 36 }, (_, i) => "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7cF0"[(i * 7 + Date.now()) % 30]).join("")}`;

function fixtureRepo(): { dir: string; commit: (file: string, text: string, message: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), "supply-chain-"));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
  git("init", "-q");
  git("config", "user.email", "fixture@example.test");
  git("config", "user.name", "Fixture");
  return {
    dir,
    commit(file, text, message) {
      writeFileSync(path.join(dir, file), text);
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
  };
}

describe("secrets (S22)", { timeout: 60_000 }, () => {
  it("a planted token fails the tree scan; deleted again it still fails the history scan; a clean change passes both", () => {
    const repo = fixtureRepo();
    const base = repo.commit("README.md", "# fixture\n", "start");
    repo.commit("config.ts", `export const token = "${plantedToken()}";\n`, "plant");
    const planted = scanTree(repo.dir, CONFIG);
    expect(planted.ok).toBe(false);
    expect(planted.output).toContain("GITHUB_TOKEN");

    repo.commit("config.ts", "export const token = process.env.TOKEN;\n", "remove it again");
    expect(scanTree(repo.dir, CONFIG).ok).toBe(true);
    const history = scanHistory(repo.dir, `${base}..HEAD`, CONFIG);
    expect(history.ok).toBe(false);
    expect(history.commits).toBe(2);
    expect(history.output).toContain("config.ts");

    const clean = repo.commit("notes.md", "nothing secret here\n", "clean");
    expect(scanHistory(repo.dir, `${clean}~1..HEAD`, CONFIG).ok).toBe(true);
  });

  it("a reviewed test input marked secretlint-disable-line passes; the same line unmarked fails", () => {
    const repo = fixtureRepo();
    // Put together here, so that this file holds no credential-shaped URL of its own.
    const url = `https://${["user", "pass"].join(":")}@8.8.8.8/hook`;
    repo.commit("a.test.ts", `const url = "${url}"; // secretlint-disable-line\n`, "marked");
    expect(scanTree(repo.dir, CONFIG).ok).toBe(true);
    repo.commit("b.test.ts", `const url = "${url}";\n`, "unmarked");
    expect(scanTree(repo.dir, CONFIG).ok).toBe(false);
  });
});

describe("install scripts (S22)", { timeout: 60_000 }, () => {
  /** A project with one installed dependency whose postinstall nobody reviewed. */
  function fixtureProject(allowScripts?: Record<string, boolean>): string {
    const dir = mkdtempSync(path.join(tmpdir(), "install-scripts-"));
    dirs.push(dir);
    const dep = path.join(dir, "node_modules", "evil-postinstall");
    mkdirSync(dep, { recursive: true });
    writeFileSync(path.join(dep, "package.json"), JSON.stringify({ name: "evil-postinstall", version: "6.6.6", scripts: { postinstall: "node steal.js" } }));
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "fixture", version: "1.0.0", dependencies: { "evil-postinstall": "6.6.6" }, allowScripts }),
    );
    const lock = {
      name: "fixture",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "fixture", version: "1.0.0", dependencies: { "evil-postinstall": "6.6.6" } },
        "node_modules/evil-postinstall": { version: "6.6.6", hasInstallScript: true },
      },
    };
    writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(lock));
    return dir;
  }

  it("a dependency with an unreviewed install script is named; approved, or denied, it is not", () => {
    expect(unreviewedInstallScripts(fixtureProject())).toEqual(["evil-postinstall@6.6.6"]);
    expect(unreviewedInstallScripts(fixtureProject({ "evil-postinstall": true }))).toEqual([]);
    expect(unreviewedInstallScripts(fixtureProject({ "evil-postinstall": false }))).toEqual([]);
  });

  it("this project has no unreviewed install script", () => {
    expect(unreviewedInstallScripts(path.resolve(import.meta.dirname, "../.."))).toEqual([]);
  });
});

describe("advisories (S22)", () => {
  // npm audit --json (lockfile v3 report) for a project pinning lodash 4.17.20: command injection, high.
  const report: AuditReport = {
    vulnerabilities: {
      lodash: {
        name: "lodash",
        severity: "high",
        via: [
          { source: 1096305, name: "lodash", title: "Command Injection in lodash", url: "https://github.com/advisories/GHSA-35jh-r3h4-6jhm", severity: "high" },
          {
            source: 1096996,
            name: "lodash",
            title: "Regular Expression Denial of Service (ReDoS) in lodash",
            url: "https://github.com/advisories/GHSA-29mw-wpgm-hmr9",
            severity: "moderate",
          },
        ],
      },
      "uses-lodash": { name: "uses-lodash", severity: "high", via: ["lodash"] },
    },
  };
  const entry = { advisory: "GHSA-35jh-r3h4-6jhm", package: "lodash", reason: "template() is never called with user input here", reviewed: "2026-12-01" };

  it("a high advisory fails; moderate ones and the packages that only depend on it are not counted twice", () => {
    expect(blockingFindings(report)).toEqual([{ package: "lodash", severity: "high", advisory: "GHSA-35jh-r3h4-6jhm", title: "Command Injection in lodash" }]);
    expect(auditGate(report, [], "2026-12-01").failures).toHaveLength(1);
  });

  it("an allowlisted advisory passes until its entry expires; then it fails and the entry is named", () => {
    const live = auditGate(report, [{ ...entry, expires: "2027-03-01" }], "2026-12-01");
    expect(live.failures).toEqual([]);
    expect(live.allowed).toHaveLength(1);
    const expired = auditGate(report, [{ ...entry, expires: "2026-11-30" }], "2026-12-01");
    expect(expired.failures).toHaveLength(1);
    expect(expired.expired).toHaveLength(1);
    // An entry for another package does not cover it.
    expect(auditGate(report, [{ ...entry, package: "lodash-es", expires: "2027-03-01" }], "2026-12-01").failures).toHaveLength(1);
  });
});
