// A real IMAP server for tests (issue 12): Debian's dovecot-imapd, started on a free port of 127.0.0.1 with
// a throw-away configuration, mail directory and user in a temp folder, stopped and removed afterwards
// (the pattern of tests/support/clamd.ts). Plain IMAP on loopback; the poller's TLS settings are the
// production ones (imapTls true by default), which tests switch off for this server.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { freePort } from "./free-port";

export interface DovecotHandle {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function findDovecot(): string | null {
  for (const p of ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]) if (existsSync(p)) return p;
  return null;
}

function ids(name: string): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync("id", ["-u", name]).toString()), gid: Number(execFileSync("id", ["-g", name]).toString()) };
  } catch {
    return null;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("* OK"));
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startDovecot(): Promise<DovecotHandle> {
  const bin = findDovecot();
  if (!bin) throw new Error("dovecot is not installed (apt-get install dovecot-imapd)");
  const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-dovecot-"));
  // The mail processes run as the mail user, who must be able to reach its folders under this one.
  chmodSync(dir, 0o755);
  for (const d of ["run", "state", "mail", "home"]) mkdirSync(path.join(dir, d));
  const port = await freePort();
  const user = "helpdesk";
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  // Mail is owned by the unprivileged `dovecot` user when we run as root (Dovecot refuses uid 0 for mail).
  const owner = userInfo().uid === 0 ? (ids("dovecot") ?? { uid: 0, gid: 0 }) : { uid: userInfo().uid, gid: userInfo().gid };
  for (const d of ["mail", "home"]) chownSync(path.join(dir, d), owner.uid, owner.gid);
  writeFileSync(path.join(dir, "users"), `${user}:{PLAIN}${password}\n`);
  const conf = path.join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `mail_location = maildir:${dir}/mail/%u`,
      ...(userInfo().uid === 0 ? ["default_internal_user = dovecot", "default_internal_group = dovecot", "default_login_user = dovenull"] : []),
      "first_valid_uid = 1",
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users\n}`,
      `userdb {\n  driver = static\n  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      "service stats {\n  unix_listener stats-reader {\n    mode = 0666\n  }\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(bin, ["-F", "-c", conf], { stdio: "ignore" });
  let failed: Error | null = null;
  child.on("error", (e) => (failed = e));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (failed) throw new Error(`dovecot did not start: ${(failed as Error).message}`);
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}; see ${dir}/dovecot.log`);
    if (await answers(port)) break;
    if (Date.now() > deadline) throw new Error("dovecot did not answer in time");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
