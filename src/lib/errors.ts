// Errors are values with a kind (DESIGN.md rule 4). The domain throws AppError; http/ maps the kind to a
// status and a JSON body. Internal messages (stack, SQL) never reach clients.
export type ErrorKind =
  | "unauthenticated"
  | "forbidden"
  | "mfa_required"
  | "not_found"
  | "invalid"
  | "conflict"
  | "ticket_closed"
  | "stale"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable";

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  mfa_required: 403,
  not_found: 404,
  conflict: 409,
  ticket_closed: 409,
  stale: 412,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
    /** More named fields of the error body (a 412 carries the current state the caller missed). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const NotFound = (what = "Resource") => new AppError("not_found", `${what} not found`);
export const Forbidden = (message = "You are not allowed to do this") => new AppError("forbidden", message);
/** What was wrong with which field: the one shape of every validation error's details (issue 10). */
export interface FieldIssue {
  path: string;
  message: string;
  /**
   * For a schema issue: the plain-words rule behind `message` (components/messages/validation.ts) and its
   * numbers (`minimum`, `maximum`, `values`…), so a form can say the same thing in its reader's language.
   */
  rule?: string;
  [param: string]: unknown;
}
export const Invalid = (message: string, details?: FieldIssue[]) => new AppError("invalid", message, details);
/** A validation error about one field. */
export const InvalidField = (path: string, message: string) => Invalid(message, [{ path, message }]);
export const Conflict = (message: string) => new AppError("conflict", message);
export const Unauthenticated = () => new AppError("unauthenticated", "Sign in required");
export const TooLarge = (limit: number) => new AppError("too_large", `Request body exceeds ${limit} bytes`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
