// The app's HTTP server: Next.js behind a thin Node layer that does what only the socket can know
// (request-listener.ts: client address, body cap, anonymous gate, API security headers). The JSON API is
// served by our own router (api-dispatch.ts, issue 15) from the same route files Next would mount; under
// `next dev` Next serves it, so route files reload as you edit them.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import next from "next";
import { CLIENT_TOKEN_ENV } from "@/auth/client-ip";
import { env } from "@/lib/env";
import { nodeApiHandler } from "./api-dispatch";
import { loadApiRoutes } from "./api-routes";
import { createRequestListener, type ListenerOptions } from "./request-listener";

export interface HttpServerOptions extends ListenerOptions {
  dir: string;
  port: number;
  hostname?: string;
  dev?: boolean;
}

export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const token = randomBytes(24).toString("base64url");
  // Read by clientIp() inside the app, which runs in this same process.
  process.env[CLIENT_TOKEN_ENV] = token;
  const app = next({ dev: options.dev ?? false, dir: options.dir, port: options.port, hostname: options.hostname });
  await app.prepare();
  const dev = options.dev ?? false;
  if (!dev) await loadApiRoutes();
  const handle = app.getRequestHandler();
  const api = dev ? handle : nodeApiHandler(new URL(env().APP_URL).origin);
  const server = createServer(createRequestListener(options, token, handle, api));
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
