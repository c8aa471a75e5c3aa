// Graceful shutdown of the web server (issue 14; DESIGN.md "Scale"). On SIGTERM an instance behind a load
// balancer must lose no request:
//   1. readiness turns red at once (src/lib/lifecycle.ts): the balancer's health check stops routing new
//      requests here, while requests that still arrive (it has not checked yet) are served as usual;
//   2. after `drainDelayMs` (longer than the balancer's check interval × fall count) the listener closes,
//      idle keep-alive connections are closed, a connection still busy gets `Connection: close` on its answer,
//      and every event stream ends (its client reconnects through the balancer and resumes from Last-Event-ID);
//   3. requests in flight finish; after `timeoutMs` whatever is left is cut (logged as forced);
//   4. this process's LISTEN connection, Redis and the database pool close.
// The worker's side is in src/jobs/worker.ts (pg-boss stops fetching and waits for the running job).
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import { closeDb } from "@/db/client";
import { closeReplica } from "@/db/read-replica";
import { startDraining } from "@/lib/lifecycle";
import { stopLiveHub } from "@/lib/live/live-hub";
import { logger } from "@/lib/logger";
import { closeRedis } from "@/lib/redis";

export interface RequestTracker {
  listener: RequestListener;
  inFlight(): number;
}

/** Counts the requests being answered and, once draining, answers them with `Connection: close`. */
export function trackRequests(listener: RequestListener, draining: () => boolean): RequestTracker {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    listener: (req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      res.once("close", () => inFlight--);
      if (draining()) res.shouldKeepAlive = false;
      return listener(req, res);
    },
  };
}

export interface ShutdownOptions {
  drainDelayMs: number;
  timeoutMs: number;
}

export interface ShutdownReport {
  forced: boolean;
  /** Requests still being answered when the listener closed. */
  inFlightAtClose: number;
  ms: number;
}

/** Steps 1-4 above; resolves when the server and every pool are closed. */
export async function shutdownHttpServer(server: Server, tracker: RequestTracker, opts: ShutdownOptions): Promise<ShutdownReport> {
  const started = performance.now();
  startDraining({ endStreams: false });
  logger.info({ event: "shutdown.draining", inFlight: tracker.inFlight(), drainDelayMs: opts.drainDelayMs }, "shutting down: readiness is red");
  await new Promise((r) => setTimeout(r, opts.drainDelayMs));

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const inFlightAtClose = tracker.inFlight();
  startDraining({ endStreams: true });
  server.closeIdleConnections();
  // A keep-alive connection whose request is being answered now is closed once its answer is out.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let forced = false;
  const deadline = new Promise<void>((resolve) =>
    setTimeout(() => {
      forced = true;
      resolve();
    }, opts.timeoutMs).unref(),
  );
  await Promise.race([closed, deadline]);
  clearInterval(idleSweep);
  if (forced) {
    logger.warn({ event: "shutdown.forced", inFlight: tracker.inFlight() }, "shutting down: requests still open after the timeout were cut");
    server.closeAllConnections();
  }
  await closeResources();
  const report = { forced, inFlightAtClose, ms: Math.round(performance.now() - started) };
  logger.info({ event: "shutdown.done", ...report }, "shut down");
  return report;
}

async function closeResources(): Promise<void> {
  const results = await Promise.allSettled([stopLiveHub(), closeRedis(), closeReplica()]);
  // The pool last: the hub and in-flight work above may still have used it.
  results.push(...(await Promise.allSettled([closeDb()])));
  for (const r of results) if (r.status === "rejected") logger.warn({ event: "shutdown.close_failed", err: String(r.reason) }, "a pool did not close cleanly");
}

/** SIGTERM and SIGINT run the shutdown once, then exit (0, or 1 when requests had to be cut). */
export function exitOnSignals(run: () => Promise<ShutdownReport>): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger.info({ event: "shutdown.signal", signal }, "signal received");
    run().then(
      (report) => process.exit(report.forced ? 1 : 0),
      (err: unknown) => {
        logger.error({ event: "shutdown.failed", err: String(err) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
