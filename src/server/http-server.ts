// The app's HTTP server: Next.js behind a thin Node layer that does what only the socket can know
// (request-listener.ts: client address, body cap, anonymous gate, API security headers). The JSON API is
// served by our own router (api-dispatch.ts, issue 15) from the same route files Next would mount; under
// `next dev` Next serves it, so route files reload as you edit them.
import { randomBytes } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import next from "next";
import { CLIENT_TOKEN_ENV } from "@/auth/client-ip";
import { env } from "@/lib/env";
import { isDraining } from "@/lib/lifecycle";
import { nodeApiHandler } from "./api-dispatch";
import { type ShutdownReport, shutdownHttpServer, trackRequests } from "./graceful-shutdown";
import { loadApiRoutes } from "./api-routes";
import { createRequestListener, type ListenerOptions } from "./request-listener";

export interface HttpServerOptions extends ListenerOptions {
  dir: string;
  port: number;
  hostname?: string;
  dev?: boolean;
}

export interface RunningServer {
  server: Server;
  /** SIGTERM's work (graceful-shutdown.ts): readiness red, drain, close, wait for requests, close pools. */
  shutdown(): Promise<ShutdownReport>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString("base64url");
  // Read by clientIp() inside the app, which runs in this same process.
  process.env[CLIENT_TOKEN_ENV] = token;
  const app = next({ dev: options.dev ?? false, dir: options.dir, port: options.port, hostname: options.hostname });
  await app.prepare();
  const dev = options.dev ?? false;
  if (!dev) await loadApiRoutes();
  const handle = app.getRequestHandler();
  const api = dev ? handle : nodeApiHandler(new URL(env().APP_URL).origin);
  const running = await listenGracefully(createRequestListener(options, token, handle, api), options.port, options.hostname);
  return {
    server: running.server,
    shutdown: async () => {
      const report = await running.shutdown();
      await app.close();
      return report;
    },
  };
}

/**
 * Serves `listener` on `port`, counting requests in flight, with the shutdown SIGTERM runs. Apart from
 * startHttpServer so the shutdown test can serve the real listener and API without a Next build.
 */
export async function listenGracefully(listener: RequestListener, port: number, hostname?: string): Promise<RunningServer> {
  const tracker = trackRequests(listener, isDraining);
  const server = createServer(tracker.listener);
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  const e = env();
  return { server, shutdown: () => shutdownHttpServer(server, tracker, { drainDelayMs: e.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS }) };
}
