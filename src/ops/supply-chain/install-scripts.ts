// Install scripts run code from the registry on the machine that installs (S22). npm (11) blocks every
// dependency's install script that package.json "allowScripts" does not approve — but silently, with a
// warning at the end of the install. The gate makes a package whose script nobody reviewed fail CI
// instead: `npm install-scripts ls` names what is installed with a script and not covered.
import { spawnSync } from "node:child_process";

/** "name@version" of every installed package whose install script allowScripts does not cover. */
export function unreviewedInstallScripts(projectDir: string): string[] {
  const r = spawnSync("npm", ["install-scripts", "ls", "--json"], { cwd: projectDir, encoding: "utf8" });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`npm install-scripts ls: ${r.stderr.trim()}`);
  const listed = JSON.parse(r.stdout) as { allowScripts?: { name: string; changes?: { key: string; change: string }[] }[] };
  return (listed.allowScripts ?? []).flatMap((p) => (p.changes?.length ? p.changes.map((c) => c.key) : [p.name])).sort();
}
