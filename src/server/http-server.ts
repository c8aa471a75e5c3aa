// The app's HTTP server: Next.js behind a thin Node layer that does what only the socket can know
// (request-listener.ts: client address, body cap, anonymous gate, API security headers).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import next from "next";
import { CLIENT_TOKEN_ENV } from "@/auth/client-ip";
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
  const server = createServer(createRequestListener(options, token, app.getRequestHandler()));
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return server;
}
