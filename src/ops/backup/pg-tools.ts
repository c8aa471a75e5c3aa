// pg_dump and pg_restore as child processes. The password travels in PGPASSWORD, never on the command
// line (where `ps` shows it); BACKUP_PG_BIN_DIR picks the client of the server's major version when the
// machine has several (a pg_dump older than the server refuses to run).
import { spawn } from "node:child_process";
import path from "node:path";
import { env } from "@/lib/env";

export function pgTool(name: "pg_dump" | "pg_restore", binDir = env().BACKUP_PG_BIN_DIR): string {
  return binDir ? path.join(binDir, name) : name;
}

/** The URL without its password, and the password for PGPASSWORD. */
export function splitPassword(databaseUrl: string): { url: string; password?: string } {
  const u = new URL(databaseUrl);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = "";
  return { url: u.toString(), password };
}

/** Runs the tool against `databaseUrl` (when given) and resolves with what it printed on stdout. */
export function runPgTool(tool: string, args: string[], databaseUrl?: string): Promise<string> {
  const { url, password } = databaseUrl ? splitPassword(databaseUrl) : { url: undefined, password: undefined };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, ...(url ? [`--dbname=${url}`, "--no-password"] : [])], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 8000) stderr += d.toString();
    });
    child.on("error", (e) =>
      reject(new Error(`${path.basename(tool)} could not be started (${e.message}); install the PostgreSQL client or set BACKUP_PG_BIN_DIR`)),
    );
    child.on("close", (code) => {
      if (code === 0) return resolve(stdout);
      const hint = /version mismatch/.test(stderr) ? " (set BACKUP_PG_BIN_DIR to the client of the server's major version)" : "";
      reject(new Error(`${path.basename(tool)} failed (exit ${code}): ${stderr.trim()}${hint}`));
    });
  });
}
