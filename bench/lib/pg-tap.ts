// A TCP proxy between the app and PostgreSQL that reads the frontend side of the wire protocol: while
// recording, it collects every statement the app executes (its SQL text, statement name and parameters)
// and counts round trips (a Sync ends an extended-protocol exchange, a Query message is one by itself).
// The app needs no hook for this: point DATABASE_URL at the tap. bench/run.ts uses it to capture what
// one request of each endpoint sends — the floor server then replays exactly those statements.
//
// Only the frontend → backend direction is parsed; the backend's answers are piped through untouched.
import { createServer, connect, type Server, type Socket } from "node:net";

export interface CapturedStatement {
  /** Prepared statement name ("" = the unnamed statement). */
  name: string;
  text: string;
  /** Parameters as sent (text format); null for SQL NULL. Binary parameters are kept as base64. */
  values: (string | null)[];
}

export interface Recording {
  statements: CapturedStatement[];
  roundTrips: number;
}

export interface PgTap {
  port: number;
  start(): void;
  stop(): Recording;
  close(): Promise<void>;
}

interface ConnectionState {
  started: boolean;
  pending: Buffer;
  statements: Map<string, string>;
  /** Parameters of the last Bind, by portal; Execute runs them. */
  portals: Map<string, { statement: string; values: (string | null)[] }>;
}

function cstring(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  return [buf.toString("utf8", at, end), end + 1];
}

export async function startPgTap(upstreamHost: string, upstreamPort: number): Promise<PgTap> {
  let recording: Recording | null = null;
  const sockets = new Set<Socket>();

  const onMessage = (state: ConnectionState, type: string, body: Buffer) => {
    if (type === "P") {
      const [name, next] = cstring(body, 0);
      const [text] = cstring(body, next);
      state.statements.set(name, text);
    } else if (type === "B") {
      let [portal, at] = cstring(body, 0);
      const [statement, afterName] = cstring(body, at);
      at = afterName;
      const formatCount = body.readInt16BE(at);
      at += 2;
      const formats: number[] = [];
      for (let i = 0; i < formatCount; i++, at += 2) formats.push(body.readInt16BE(at));
      const paramCount = body.readInt16BE(at);
      at += 2;
      const values: (string | null)[] = [];
      for (let i = 0; i < paramCount; i++) {
        const len = body.readInt32BE(at);
        at += 4;
        if (len < 0) {
          values.push(null);
          continue;
        }
        const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
        values.push(body.toString(binary ? "base64" : "utf8", at, at + len));
        at += len;
      }
      portal ||= "";
      state.portals.set(portal, { statement, values });
    } else if (type === "E" && recording) {
      const [portal] = cstring(body, 0);
      const bound = state.portals.get(portal);
      if (bound) recording.statements.push({ name: bound.statement, text: state.statements.get(bound.statement) ?? "", values: bound.values });
    } else if (type === "Q" && recording) {
      recording.statements.push({ name: "", text: cstring(body, 0)[0], values: [] });
      recording.roundTrips++;
    } else if (type === "S" && recording) {
      recording.roundTrips++;
    }
  };

  /** Splits the frontend byte stream into messages (the first one, the startup message, has no type byte). */
  const feed = (state: ConnectionState, chunk: Buffer) => {
    let buf = state.pending.length ? Buffer.concat([state.pending, chunk]) : chunk;
    for (;;) {
      if (!state.started) {
        if (buf.length < 4) break;
        const len = buf.readInt32BE(0);
        if (buf.length < len) break;
        const code = buf.readInt32BE(4);
        // SSLRequest / GSSENCRequest are answered with one byte and followed by the real startup message.
        if (code !== 80877103 && code !== 80877104) state.started = true;
        buf = buf.subarray(len);
        continue;
      }
      if (buf.length < 5) break;
      const len = buf.readInt32BE(1);
      if (buf.length < 1 + len) break;
      onMessage(state, String.fromCharCode(buf[0]!), buf.subarray(5, 1 + len));
      buf = buf.subarray(1 + len);
    }
    state.pending = Buffer.from(buf);
  };

  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, upstreamHost);
    const state: ConnectionState = { started: false, pending: Buffer.alloc(0), statements: new Map(), portals: new Map() };
    sockets.add(client);
    sockets.add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      feed(state, chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    start: () => {
      recording = { statements: [], roundTrips: 0 };
    },
    stop: () => {
      const r = recording ?? { statements: [], roundTrips: 0 };
      recording = null;
      return r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
