// One LISTEN connection per app instance (issue 11; DESIGN.md "Scale": live events fan out through
// PostgreSQL LISTEN/NOTIFY, no new server). It is not a pool connection: a LISTEN session must stay on
// one connection for as long as the instance runs. Lost, it reconnects with a growing pause and says
// so (onReconnected), because whatever was notified while it was away is gone: the hub then tells every
// open stream to refetch.
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { redactLogText } from "@/lib/log-safe";

export interface ListenerHandlers {
  notification(channel: string, payload: string): void;
  /** The connection was lost and is back: notifications in between were missed. */
  reconnected(): void;
}

const MAX_PAUSE_MS = 10_000;

export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;
  private pauseMs = 250;
  private everConnected = false;

  constructor(
    private readonly channels: readonly string[],
    private readonly handlers: ListenerHandlers,
    private readonly connectionString: string = env().DATABASE_LISTEN_URL ?? env().DATABASE_URL,
  ) {}

  /** Resolves once LISTEN is in place (the first time; later reconnects happen in the background). */
  start(): Promise<void> {
    this.stopped = false;
    this.connecting ??= this.connect().catch((err: unknown) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    this.connecting = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const role = env().DB_APP_ROLE;
    const client = new pg.Client({
      connectionString: this.connectionString,
      ...(role !== "none" ? { options: `-c role=${role}` } : {}),
      // Dead peers are noticed by the operating system, not only when the next notification fails.
      keepAlive: true,
    });
    client.on("notification", (msg) => {
      if (msg.payload !== undefined) this.handlers.notification(msg.channel, msg.payload);
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.connecting = null;
      logger.warn({ event: "live.listener_lost", err: err ? redactLogText(err.message) : undefined }, "live events: LISTEN connection lost");
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.pauseMs = 250;
    if (this.everConnected) this.handlers.reconnected();
    this.everConnected = true;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const pause = this.pauseMs;
    this.pauseMs = Math.min(MAX_PAUSE_MS, this.pauseMs * 2);
    setTimeout(() => {
      if (this.stopped || this.connecting) return;
      this.connecting = this.connect().catch((err: Error) => {
        logger.warn({ event: "live.listener_retry", err: redactLogText(err.message), pauseMs: this.pauseMs }, "live events: reconnect failed");
        this.connecting = null;
        this.scheduleReconnect();
      });
    }, pause).unref();
  }
}
