// The shared request pipeline every API route goes through (STYLE.md "What we take" 1): request id,
// origin check, body cap, the actor, rate limits, parsing, error mapping and one structured log line.
// Authorization is decided in ONE place, the domain use-case (issue 10): each one starts with
// requirePermission()/ticketActions(); a Forbidden it throws is answered and audited here.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { mustEnrolMfa, type Actor } from "@/auth/actor";
import { getActor } from "@/auth/get-actor";
import { isDatabaseUnavailable } from "@/db/connection-errors";
import { isDateOutOfRange, isErasedPerson } from "@/db/unique-violation";
import { allowReplicaReads, READ_YOUR_WRITES_MS, RECENT_WRITE_COOKIE, replicaAllowedFor } from "@/db/read-replica";
import { env, isProduction } from "@/lib/env";
import { AppError, NotFound, Unauthenticated, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { loggablePath, safeErrorSummary } from "@/lib/log-safe";
import { metrics } from "@/lib/metrics";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { enforceCallerLimit, enforceGlobalLimit, type RateLimitClass } from "./rate-limit";
import { assertDeclaredLength, parseJsonBody, parseQuery, readBodyCapped } from "./body";
import { assertSameOrigin } from "./origin";
import { errorResponse, internalErrorResponse, json } from "./respond";

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

interface Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends boolean> {
  /** Route name for logs and metrics, e.g. "tickets.list". */
  name: string;
  /** Public routes (health) have no actor; every other route requires a signed-in, active user. */
  public?: P;
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
  /** Reachable before a required MFA enrolment (account security routes only). */
  allowWithoutMfa?: boolean;
  /** Which per-user limit applies (S8); GET is "read", everything else "write" unless stated. */
  rateLimit?: RateLimitClass;
  /**
   * "stream": the pipeline does not read the body; the handler streams it from `req` itself, after the
   * actor and rate-limit checks; the domain checks the permission before it reads the stream, which
   * enforces its own cap (multipart uploads, S11). No `body` schema then.
   */
  rawBody?: "stream";
}

type Ctx<B, Q, P> = {
  req: Request;
  actor: P extends true ? Actor | null : Actor;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  params: Record<string, string>;
  requestId: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids that are not ids cannot name anything: a 404, like any other id we do not know. */
async function readParams(ctx: RouteContext | undefined): Promise<Record<string, string>> {
  // Next passes no params at all for routes without dynamic segments.
  const raw = (await ctx?.params) ?? {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const v = Array.isArray(value) ? value.join("/") : value;
    // "id", "macroId": every id segment, whatever its prefix.
    if (/id$/i.test(key) && !UUID.test(v)) throw NotFound();
    params[key] = v;
  }
  return params;
}

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends boolean = false>(
  options: Options<B, Q, P>,
  handler: (ctx: Ctx<B, Q, P>) => Promise<unknown>,
) {
  return async function handle(req: Request, routeCtx?: RouteContext): Promise<Response> {
    const started = performance.now();
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    let actor: Actor | null = null;
    let response: Response;
    let limitHeaders: Record<string, string> = {};
    const limitClass: RateLimitClass = options.rateLimit ?? (req.method === "GET" ? "read" : "write");
    try {
      assertSameOrigin(req);
      const maxBytes = options.maxBodyBytes ?? env().MAX_BODY_BYTES;
      const readsBody = !BODYLESS.has(req.method) && options.rawBody !== "stream";
      // A declared length over the cap is refused before anything else (S21); the body itself is read
      // only once the caller is known and within its limits (issue 9 item 7): an anonymous or throttled
      // request never gets a byte of its body buffered.
      if (readsBody) assertDeclaredLength(req, maxBytes);
      // A missing or forged cookie costs no query (its signature is checked first), so the session is
      // looked up before the global cap, which then counts signed-in and anonymous traffic apart (item 8).
      actor = await getActor(req.headers);
      await enforceGlobalLimit(limitClass, options.name, actor);
      limitHeaders = await enforceCallerLimit(req.headers, actor, limitClass, options.name);
      if (!actor && !options.public) throw Unauthenticated();
      if (actor && !options.allowWithoutMfa && mustEnrolMfa(actor)) {
        throw new AppError("mfa_required", "Your organization requires two-factor authentication: set it up under Account security first");
      }
      const raw = readsBody ? await readBodyCapped(req, maxBytes) : new Uint8Array();
      const params = await readParams(routeCtx);
      const query = options.query ? parseQuery(req, options.query) : undefined;
      const body = options.body ? parseJsonBody(req, raw, options.body) : undefined;
      // A handler may answer with its own Response: a file, a 412 with headers, or a long-lived stream
      // (http/sse.ts: every check above has passed before its first byte; its request log line is
      // written when it opens).
      const ctx = { req, actor: actor as Ctx<B, Q, P>["actor"], body, query, params, requestId } as Ctx<B, Q, P>;
      // Issue 14: a GET of a caller who has not just written may read lists from the replica.
      const result = await allowReplicaReads(replicaAllowedFor(req.method, req.headers.get("cookie")), () => handler(ctx));
      response = result instanceof Response ? result : json(result);
    } catch (error) {
      if (isAppError(error)) {
        response = errorResponse(error);
        if (actor && DENIALS.has(error.kind)) await recordDenial(actor, req, options.name, error.kind, response.status);
      } else if (isErasedPerson(error)) {
        // A write that waited for an erasure of the person it names (migration 0033).
        response = errorResponse(new AppError("conflict", "This person has been erased"));
      } else if (isDateOutOfRange(error)) {
        response = errorResponse(new AppError("invalid", "A date is outside the range this service accepts"));
      } else if (isDatabaseUnavailable(error)) {
        // Issue 14: a restart or failover of the database is a 503 the client may retry, not a 500.
        logger.warn({ event: "http.database_unavailable", requestId, route: options.name, err: safeErrorSummary(error) }, "database unavailable");
        response = errorResponse(DATABASE_UNAVAILABLE);
      } else {
        logger.error({ event: "http.unhandled_error", requestId, route: options.name, err: safeErrorSummary(error) }, "unhandled error");
        response = internalErrorResponse();
      }
    }
    response.headers.set("x-request-id", requestId);
    // Read-your-writes across instances (issue 14): this caller's reads stay on the primary for a while.
    if (actor && !BODYLESS.has(req.method) && response.status < 400 && env().DATABASE_REPLICA_URL) {
      response.headers.append(
        "set-cookie",
        `${RECENT_WRITE_COOKIE}=1; Max-Age=${READ_YOUR_WRITES_MS / 1000}; Path=/; HttpOnly; SameSite=Lax${isProduction() ? "; Secure" : ""}`,
      );
    }
    for (const [k, v] of Object.entries(limitHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
    const seconds = (performance.now() - started) / 1000;
    metrics().httpRequests.inc({ route: options.name, status: String(response.status) });
    metrics().httpLatency.observe({ route: options.name }, seconds);
    logger.info(
      {
        event: "http.request",
        requestId,
        route: options.name,
        method: req.method,
        // The path only: query strings carry search terms and e-mail addresses (issue 9 item 11).
        path: loggablePath(req.url),
        status: response.status,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        userId: actor?.userId ?? null,
        orgId: actor?.orgId ?? null,
      },
      "request",
    );
    return response;
  };
}

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);
const DATABASE_UNAVAILABLE = new AppError("unavailable", "The database is briefly unavailable; try again", undefined, { "retry-after": "1" });
const DENIALS = new Set(["forbidden", "not_found", "mfa_required"]);

/** Denied attempts are part of the audit trail (S12): who tried what, from where. */
function recordDenial(actor: Actor, req: Request, route: string, kind: string, status: number) {
  return recordSecurityEvent({
    organizationId: actor.orgId,
    actorId: actor.userId,
    action: "access.denied",
    targetType: "route",
    targetId: loggablePath(req.url).slice(0, 200),
    data: { route, method: req.method, status, kind },
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
}
