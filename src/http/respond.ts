import { type AppError, STATUS_BY_KIND } from "@/lib/errors";

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { ...init, headers });
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
