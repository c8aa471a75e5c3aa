// Node's request/response and the Web Request/Response the API's route handlers speak (issue 15): what
// Next's adapter did for /api, kept to what our routes use. The request URL is built on APP_URL's origin,
// never on the client's Host header; the body is the socket's stream, read (and capped) by the pipeline.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { jsonBodyOf } from "@/http/respond";

const BODYLESS = new Set(["GET", "HEAD"]);

/** `signal`: aborted when the answer is done or the client went away (an event stream stops on it). */
export function toWebRequest(req: IncomingMessage, origin: string, signal?: AbortSignal): Request {
  // From req.headers, never req.rawHeaders: the listener rewrote them (the client's address header is
  // ours alone: any copy the client sent was dropped, src/server/request-listener.ts prepareRequest).
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal };
  if (!BODYLESS.has(method)) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  // Leading slashes folded as Next folds them ("//api/x" is /api/x); the listener refused other targets.
  return new Request(`${origin}${(req.url ?? "/").replace(/^\/+/, "/")}`, init);
}

/** Writes a Web Response to the socket: status, headers (every Set-Cookie kept apart), then the body, streamed. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  // A JSON answer of the pipeline: its bytes are known, so one write with their length and no body stream.
  const body = jsonBodyOf(response);
  if (body !== undefined && !response.bodyUsed) {
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The client went away: stop reading the body (an event stream or a file) at once.
  const abandon = () => void reader.cancel().catch(() => undefined);
  res.once("close", abandon);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
    }
    res.end();
  } finally {
    res.off("close", abandon);
  }
}
