import { type AppError, STATUS_BY_KIND } from "@/lib/errors";

/**
 * The text of each JSON answer made here, by its Response: our HTTP server writes it to the socket in
 * one write with its Content-Length (src/server/node-web.ts), instead of reading the Response's body
 * stream back chunk by chunk (issue 15). Weak: an answer nobody writes is collected with its text.
 */
const jsonTexts = new WeakMap<Response, string>();

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  const text = JSON.stringify(data);
  const response = new Response(text, { ...init, headers });
  jsonTexts.set(response, text);
  return response;
}

/** The body of a Response json() made, as text; undefined for any other Response. */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
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
