import { type AppError, STATUS_BY_KIND } from "@/lib/errors";

/**
 * The bytes of each JSON answer made here, by its Response: our HTTP server writes them to the socket in
 * one write with their Content-Length (src/server/node-web.ts), instead of reading the Response's body
 * stream back chunk by chunk (issue 15). Encoded once, here: the Response is given the same bytes, so
 * neither it nor the socket encodes the text again. Weak: an answer nobody writes is collected with them.
 */
const jsonBodies = new WeakMap<Response, Buffer>();

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  // JSON.stringify(undefined) is undefined, not text: such an answer is JSON null, never a TypeError after
  // the handler's transaction committed.
  const body = Buffer.from(JSON.stringify(data) ?? "null");
  const response = new Response(body, { ...init, headers });
  jsonBodies.set(response, body);
  return response;
}

/** The body of a Response json() made, as bytes; undefined for any other Response. */
export function jsonBodyOf(response: Response): Buffer | undefined {
  return jsonBodies.get(response);
}

/** `{ error: { code, message, details? } }`: the error body every answer uses (DESIGN.md rule 4). */
export function errorBody(error: AppError): { error: { code: string; message: string; details?: unknown } } {
  const body: { code: string; message: string; details?: unknown } = { ...error.extra, code: error.kind, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  return { error: body };
}

/** The error body with the status of its kind. */
export function errorResponse(error: AppError): Response {
  return json(errorBody(error), { status: STATUS_BY_KIND[error.kind], headers: error.headers });
}

export function internalErrorResponse(): Response {
  return json({ error: { code: "internal", message: "Something went wrong" } }, { status: 500 });
}
