// The engines of the multi-instance run (issue 14; DESIGN.md "Scale"), each started here on its own free
// port in one temporary directory, and each stopped by the process id this script started — never the
// machine's own PostgreSQL (5432) or Redis (6379):
//   PostgreSQL primary (initdb) + a streaming replica (pg_basebackup -R), PgBouncer in transaction pooling
//   in front of both, redis-server, HAProxy in front of the app instances, s3rver (attachments) and an
//   SMTP sink (the notifications' e-mail), in this process.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const PG_BIN = process.env.CLUSTER_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Debian packages the run needs, installed when missing (as .ci/run does for its own). */
export function ensurePackages(log: (m: string) => void): void {
  const missing = [
    ["haproxy", "/usr/sbin/haproxy"],
    ["pgbouncer", "/usr/sbin/pgbouncer"],
    ["redis-server", "/usr/bin/redis-server"],
  ].filter(([, bin]) => !existsSync(bin!));
  if (!existsSync(path.join(PG_BIN, "pg_basebackup"))) missing.push(["postgresql", ""]);
  if (missing.length === 0) return;
  const names = missing.map(([name]) => name!);
  log(`installing ${names.join(", ")} (Debian packages)`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** PostgreSQL and PgBouncer refuse to run as root: they run as the `postgres` system user. */
function asPostgres(cmd: string, args: string[]): string {
  const run = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return execFileSync(run[0] as string, run[1] as string[], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function ownedByPostgres(dir: string, file = false): void {
  if (!file) mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
}

export class PostgresNode {
  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly socketDir: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  start(): void {
    asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", this.dataDir, "-l", `${this.dataDir}.log`, "-w", "-t", "60", "start"]);
  }

  /** A fast restart (what an operator's restart or a failover drill does): sessions are cut. */
  restart(): void {
    asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", this.dataDir, "-l", `${this.dataDir}.log`, "-w", "-t", "60", "-m", "fast", "restart"]);
  }

  stop(): void {
    if (!existsSync(path.join(this.dataDir, "postmaster.pid"))) return;
    try {
      asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", this.dataDir, "-w", "-t", "30", "-m", "fast", "stop"]);
    } catch {
      // already stopped
    }
  }

  private configure(extra: string): void {
    appendFileSync(
      path.join(this.dataDir, "postgresql.auto.conf"),
      `\nport = ${this.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${this.socketDir}'\n${extra}\n`,
    );
  }

  /** A new primary: initdb, WAL for a streaming replica, small memory (the machine is shared). */
  static async primary(root: string): Promise<PostgresNode> {
    const dataDir = path.join(root, "pg-primary");
    const socketDir = path.join(root, "pg-sockets");
    ownedByPostgres(root);
    ownedByPostgres(socketDir);
    ownedByPostgres(dataDir);
    asPostgres(path.join(PG_BIN, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
    const node = new PostgresNode(dataDir, await freePort(), socketDir);
    node.configure("wal_level = replica\nmax_wal_senders = 4\nmax_connections = 80\nshared_buffers = 32MB\nhot_standby = on\nwal_keep_size = 64MB");
    node.start();
    return node;
  }

  /** A streaming replica of `primary` (pg_basebackup -R: standby.signal and primary_conninfo written). */
  static async replicaOf(primary: PostgresNode, root: string): Promise<PostgresNode> {
    const dataDir = path.join(root, "pg-replica");
    ownedByPostgres(dataDir);
    asPostgres(path.join(PG_BIN, "pg_basebackup"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      "postgres",
      "-D",
      dataDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ]);
    chmodSync(dataDir, 0o700);
    const node = new PostgresNode(dataDir, await freePort(), primary.socketDir);
    node.configure("hot_standby = on\nhot_standby_feedback = on");
    node.start();
    return node;
  }
}

/** A daemon this script started: stopped by its own process id. */
export class Daemon {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly cmd: string,
    private readonly args: string[],
    private readonly logFile: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const child = spawn(this.cmd, this.args, { stdio: ["ignore", "pipe", "pipe"], env: this.env });
    child.stdout!.on("data", (d) => appendFileSync(this.logFile, d));
    child.stderr!.on("data", (d) => appendFileSync(this.logFile, d));
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    this.child = child;
  }

  /** SIGTERM (a graceful stop), then SIGKILL after `graceMs`. Resolves with how long it took. */
  async stop(graceMs = 30_000): Promise<number> {
    const child = this.child;
    if (!child || !this.running) return 0;
    const started = Date.now();
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
    return Date.now() - started;
  }

  exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }
}

export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 250): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      if (await probe()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * PgBouncer in transaction pooling, as the app runs behind it in production. What breaks through it, and
 * where those connections go instead:
 *   - LISTEN (the live events' one connection per instance): a LISTEN lives on a session → DATABASE_LISTEN_URL,
 *     straight to the primary. NOTIFY (pg_notify inside a transaction) is fine through the pooler.
 *   - The `options=-c role=…` startup parameter: PgBouncer refuses unknown startup parameters, so it is
 *     ignored here and `connect_query` sets the role on every server connection instead.
 *   - Session advisory locks and named prepared statements: the app uses neither (transaction-level
 *     advisory locks in pg-boss are fine); migrations (drizzle's migrator, pg-boss's schema install) run
 *     as the owner straight to the primary (MIGRATION_DATABASE_URL).
 */
export async function startPgBouncer(
  root: string,
  primary: PostgresNode,
  replica: PostgresNode,
  appRole: string,
): Promise<{ port: number; pid: () => number; stop: () => void }> {
  const dir = path.join(root, "pgbouncer");
  ownedByPostgres(dir);
  const port = await freePort();
  const conf = path.join(dir, "pgbouncer.ini");
  const pidFile = path.join(dir, "pgbouncer.pid");
  writeFileSync(path.join(dir, "userlist.txt"), '"postgres" ""\n');
  writeFileSync(
    conf,
    `[databases]
helpdesk = host=127.0.0.1 port=${primary.port} dbname=helpdesk connect_query='SET ROLE ${appRole}'
helpdesk_replica = host=127.0.0.1 port=${replica.port} dbname=helpdesk connect_query='SET ROLE ${appRole}'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/userlist.txt
pool_mode = transaction
max_client_conn = 300
default_pool_size = 12
reserve_pool_size = 2
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
server_connect_timeout = 3
; default 15 s: after the primary restarts, one failed login would keep every pool empty that long
server_login_retry = 1
query_wait_timeout = 20
logfile = ${dir}/pgbouncer.log
pidfile = ${pidFile}
admin_users = postgres
`,
  );
  for (const f of ["pgbouncer.ini", "userlist.txt"]) ownedByPostgres(path.join(dir, f), true);
  asPostgres("/usr/sbin/pgbouncer", ["-d", conf]);
  await waitFor("pgbouncer", () => existsSync(pidFile), 10_000);
  const pid = () => Number(readFileSync(pidFile, "utf8").trim());
  return {
    port,
    pid,
    stop: () => {
      try {
        process.kill(pid(), "SIGINT");
      } catch {
        // gone
      }
    },
  };
}

export function haproxyConfig(opts: { port: number; servers: { name: string; port: number }[] }): string {
  // Health check on readiness (/api/ready) every 500 ms: two failures take an instance out, two successes
  // put it back; the app keeps readiness red for SHUTDOWN_DRAIN_DELAY_MS before it stops listening, longer
  // than 2 × 500 ms. `retry-on conn-failure` + redispatch: a request that could not be sent to an instance
  // (refused connection) goes to another one — never a request that reached the app (no double writes).
  return `global
  maxconn 2000

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  retries 3
  option redispatch 1
  retry-on conn-failure
  option http-server-close

frontend helpdesk
  bind 127.0.0.1:${opts.port}
  option forwardfor
  default_backend app
  stats enable
  stats uri /haproxy-stats
  stats refresh 5s

backend app
  balance roundrobin
  option httpchk GET /api/ready
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
${opts.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join("\n")}
`;
}
