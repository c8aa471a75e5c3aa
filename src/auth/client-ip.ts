// The client's address as the app sees it (issue 9 item 4; S1, S8, S12). Route handlers and pages only
// get headers, not the socket, so our HTTP server (src/server/request-listener.ts) resolves the address from
// the socket and TRUST_PROXY_HOPS and hands it over in CLIENT_HEADER, prefixed with a random token of
// this process. A client cannot forge it: the server drops any incoming copy, and without the token the
// value is ignored (e.g. the app was started with plain `next start`, which sees no trustworthy address).
import { timingSafeEqual } from "node:crypto";
import { logger } from "@/lib/logger";
import { normalizeIp } from "@/http/client-address";

export const CLIENT_HEADER = "x-helpdesk-client";
export const CLIENT_TOKEN_ENV = "HELPDESK_CLIENT_TOKEN";

let warned = false;

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The header value our server sets for a client address (also what tests use to act "from" an address). */
export function clientHeaderValue(ip: string, token = process.env[CLIENT_TOKEN_ENV] ?? ""): string {
  return `${token} ${ip}`;
}

/** The caller's address, canonical (IPv4-mapped IPv6 unmapped), or null when the app cannot know it. */
export function clientIp(headers: Headers): string | null {
  const expected = process.env[CLIENT_TOKEN_ENV];
  if (!expected) {
    if (!warned) {
      warned = true;
      logger.warn(
        { event: "security.client_address_unknown" },
        "client addresses are unknown: serve the app with `npm start` / `npm run serve`, not `next start`",
      );
    }
    return null;
  }
  const value = headers.get(CLIENT_HEADER);
  if (!value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !tokenMatches(value.slice(0, space), expected)) return null;
  return normalizeIp(value.slice(space + 1));
}
