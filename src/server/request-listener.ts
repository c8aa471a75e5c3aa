// What our HTTP server (http-server.ts) does with each request before, or instead of, handing it to Next:
// - The client's address (issue 9 item 4): resolved from the peer address and TRUST_PROXY_HOPS, handed to
//   the app in CLIENT_HEADER with this process's token; any copy a client sent is dropped first.
// - Bodies (issue 9 item 7, S21): a declared length over the largest body any route accepts is refused
//   before a byte is read, and the connection closed so the rest is never received.
// - Anonymous budgets (S8; issue 9 item 8 follow-up): a request without a session over its
//   address's or the anonymous crowd's budget is answered 429 here, from memory (src/http/anonymous-gate.ts),
//   so a flood never reaches Next, Redis or the database.
// - Security headers (S5): the API's on every /api response, and each page's — with its CSP nonce —
//   on every page response (setPageSecurityHeaders): no Next proxy (middleware) runs at all.
// - Where it goes (issue 15): /api to our JSON API router (api-dispatch.ts), pages to Next, each page's
//   HTML written out in one piece (coalesce-writes.ts).
// Apart from Next so tests can put it in front of the route handlers without a build.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { CLIENT_HEADER, clientHeaderValue } from "@/auth/client-ip";
import { anonymousGate, type GateRefusal } from "@/http/anonymous-gate";
import { resolveClientAddress } from "@/http/client-address";
import { errorBody } from "@/http/respond";
import { API_CSP, commonSecurityHeaders, pageCsp } from "@/http/security-headers";
import { tooManyRequestsPage } from "@/http/too-many-requests-page";
import { HTTP_METHODS } from "./api-routes";
import { coalesceWrites } from "./coalesce-writes";
import { rateLimitedError } from "@/lib/rate-limit/limiter";

/** Next's build output and the icons: static files, no page, no CSP of their own. */
const STATIC_FILE = /^\/+(?:_next\/static\/|favicon\.ico(?:\?|$)|icon\.svg(?:\?|$))/;

/**
 * Next's image optimizer fetches the URL it is given through Next's own router — `/_next/image?url=/api/…`
 * was a second door to the API that our gate never counted and that carried no client address (attack
 * pass B7). The app serves no optimized images (next.config.ts turns them off); the door is closed here
 * for every spelling of the path.
 */
export function isNextImageTarget(url: string): boolean {
  try {
    const pathname = decodeURIComponent(new URL(url.replace(/^\/+/, "/"), "http://x").pathname);
    return /^\/+_next\/+image(\/|$)/i.test(pathname);
  } catch {
    return false;
  }
}

/**
 * A page's security headers (S5), set here for every page request instead of in a Next proxy
 * (middleware), which cost each page a run through Next's proxy adapter (issue 15): a fresh nonce per
 * request in a CSP without 'unsafe-inline' scripts, handed to Next in the request's own
 * Content-Security-Policy header — where Next reads the nonce it puts on its scripts — after dropping any
 * copy the client sent.
 */
export function setPageSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  page: { headers: Record<string, string>; production: boolean; dev: boolean },
): void {
  const nonce = randomBytes(16).toString("base64");
  const csp = pageCsp(nonce, { production: page.production, dev: page.dev });
  delete req.headers["content-security-policy-report-only"];
  req.headers["content-security-policy"] = csp;
  for (const [k, v] of Object.entries(page.headers)) res.setHeader(k, v);
  res.setHeader("Content-Security-Policy", csp);
}

export interface ListenerOptions {
  /** Proxies in front of the app whose X-Forwarded-For entries are believed (TRUST_PROXY_HOPS). */
  trustedHops: number;
  /** The largest request body any route accepts: the attachment cap plus its multipart envelope. */
  maxRequestBytes: number;
  production: boolean;
  /** `next dev`: its scripts need 'unsafe-eval' in the page CSP. */
  dev?: boolean;
}

/** An error answered before Next sees the request; Connection: close so the body is never received. */
function refuse(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close", ...headers });
  res.end(body);
}

const PAGE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Pages take no request bodies (forms post JSON to /api; the app has no server actions), but Next (its
 * proxy, when there was one) buffered any body sent to a page: 1,500 anonymous half-sent bodies held
 * ~1.5 GB (outside review after issue 9 item 7). So a page request may not carry one.
 */
function pageRequestRefusal(req: IncomingMessage): [number, string, string, Record<string, string>] | null {
  if (!PAGE_METHODS.has(req.method ?? "")) return [405, "method_not_allowed", "Pages only answer GET and HEAD", { allow: "GET, HEAD" }];
  const declared = Number(req.headers["content-length"] ?? 0);
  if (req.headers["transfer-encoding"] || (Number.isFinite(declared) && declared > 0)) return [413, "too_large", "A page request has no body", {}];
  return null;
}

/** Resolves the client's address and hands it to the app in CLIENT_HEADER; returns it (null: unknown). */
export function prepareRequest(req: IncomingMessage, token: string, trustedHops: number): string | null {
  delete req.headers[CLIENT_HEADER];
  const forwarded = req.headers["x-forwarded-for"];
  const ip = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedHops);
  if (ip) req.headers[CLIENT_HEADER] = clientHeaderValue(ip, token);
  return ip;
}

const hasBody = (req: IncomingMessage) => Boolean(req.headers["transfer-encoding"]) || Number(req.headers["content-length"] ?? 0) > 0;

/**
 * A refused anonymous answer is held this long before it is sent. A flooding client waits for each
 * answer before its connection asks again, so an instant 429 only invites the next request: measured, 200
 * connections then kept the event loop busy with ~8,000 refusals a second and signed-in requests waited
 * hundreds of milliseconds for their turns. Held, the same connections ask 200 times a second.
 * Retry-After is at least a second anyway.
 */
export const REFUSAL_HOLD_MS = 1000;
/** At most this many held answers (each is an open socket and a timer); past it, answer at once and close. */
const MAX_HELD = 2000;

/**
 * The gate's 429: the API's JSON error body and RateLimit-* / Retry-After headers, or the 429 page for a
 * page request. Held (REFUSAL_HOLD_MS) when it costs nothing to hold; a request with a body is answered at
 * once with Connection: close, so the body is never read (as in refuse()).
 */
function overBudgetAnswer(securityHeaders: Record<string, string>) {
  let held = 0;
  return (req: IncomingMessage, res: ServerResponse, r: GateRefusal) => {
    const error = rateLimitedError(r.policy, { allowed: false, consumed: r.limit + 1, limit: r.limit, remaining: 0, resetSec: r.retryAfterSec });
    const [body, type] = r.page
      ? [tooManyRequestsPage(r.retryAfterSec), "text/html; charset=utf-8"]
      : [JSON.stringify(errorBody(error)), "application/json; charset=utf-8"];
    const send = (close: boolean) => {
      if (res.destroyed) return;
      res.writeHead(429, {
        ...securityHeaders,
        ...error.headers,
        "content-type": type,
        "content-length": Buffer.byteLength(body),
        "cache-control": "no-store",
        ...(close ? { connection: "close" } : {}),
      });
      res.end(body);
    };
    if (hasBody(req) || held >= MAX_HELD) return send(true);
    held++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held--;
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      release();
      send(false);
    }, REFUSAL_HOLD_MS);
    res.once("close", release); // the client gave up: free the slot now
  };
}

/**
 * Whether a request target is the API: its path, with leading slashes folded, dot segments resolved and
 * percent-encoding decoded, starts with /api/. Decided on the decoded path so that no spelling of an API
 * path ("/app/../api/me", "/%61pi/me") can reach the API through Next's router instead of ours; the API
 * router itself then matches the raw path, so such a spelling is a 404 there.
 */
export function isApiTarget(url: string): boolean {
  if (/^\/+api\//.test(url)) return true;
  let pathname: string;
  try {
    pathname = new URL(url.replace(/^\/+/, "/"), "http://x").pathname;
  } catch {
    return false;
  }
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    /* keep it encoded */
  }
  return /^\/+api(\/|$)/.test(pathname);
}

/**
 * What the server does with each request before (and instead of) handing it on: /api to `handleApi` (our JSON
 * API router, src/server/api-dispatch.ts) when given, everything else — and /api under `next dev` — to
 * Next's `handle`. Separate from startHttpServer so tests can put it in front of the route handlers
 * without a Next build.
 */
export function createRequestListener(
  options: ListenerOptions,
  token: string,
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  handleApi: (req: IncomingMessage, res: ServerResponse) => unknown = handle,
): RequestListener {
  const apiHeaders = { ...commonSecurityHeaders(options.production), "Content-Security-Policy": API_CSP };
  const pageSecurity = { headers: commonSecurityHeaders(options.production), production: options.production, dev: options.dev ?? false };
  const gate = anonymousGate();
  const refuseOverBudget = overBudgetAnswer(apiHeaders);
  return (req, res) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxRequestBytes) {
      // Connection: close makes Node end the socket once the answer is out: the body is never received.
      return refuse(res, 413, "too_large", `The request body is larger than ${options.maxRequestBytes} bytes`);
    }
    if (!(req.url ?? "").startsWith("/")) return refuse(res, 400, "invalid", "Send a path, not a URL or '*'");
    if (isNextImageTarget(req.url ?? "/")) return refuse(res, 404, "not_found", "Not found");
    const api = isApiTarget(req.url ?? "/");
    // A method the API has no route for at all (TRACE, CONNECT…) never becomes a Request (which refuses it).
    if (api && !(HTTP_METHODS as readonly string[]).includes(req.method ?? "")) {
      return refuse(res, 405, "method_not_allowed", `${req.method} is not allowed here`, { allow: HTTP_METHODS.join(", ") });
    }
    const pageRefusal = api ? null : pageRequestRefusal(req);
    if (pageRefusal) return refuse(res, ...pageRefusal);
    const ip = prepareRequest(req, token, options.trustedHops);
    const decision = gate.admit({ ip, url: req.url ?? "/", cookie: req.headers.cookie, body: hasBody(req) });
    if (decision.refusal) return refuseOverBudget(req, res, decision.refusal);
    // Written (finish) or given up (close), whichever comes first: a slow reader holds no place.
    if (decision.release) for (const done of ["finish", "close"]) res.once(done, decision.release);
    if (api) {
      for (const [k, v] of Object.entries(apiHeaders)) res.setHeader(k, v);
      void handleApi(req, res);
      return;
    }
    if (!STATIC_FILE.test(req.url ?? "")) {
      setPageSecurityHeaders(req, res, pageSecurity);
      // Pages leave in one write (coalesce-writes.ts); static files stream as Next sends them.
      coalesceWrites(res);
    }
    void handle(req, res);
  };
}
