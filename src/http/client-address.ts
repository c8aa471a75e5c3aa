// Who is on the other end of a request (issue 9 item 4; S1, S8, S12). Only the socket's peer address is a
// fact; X-Forwarded-For is whatever the client typed unless a proxy we run wrote it. So the header is
// believed for exactly TRUST_PROXY_HOPS proxies in front of the app, counted from the right (the entries
// our own proxies appended), and the chosen entry must parse as an IP address. Pure, so it is unit-tested.
import ipaddr from "ipaddr.js";

/** "1.2.3.4", "1.2.3.4:5678", "[::1]:80", "::ffff:10.0.0.1", "fe80::1%eth0" → canonical text, or null. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  if (value.length === 0 || value.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%[\w.-]+$/, ""); // an IPv6 zone names an interface of the sender, not a client
  // Four dotted decimals only: ipaddr.js (like inet_aton) also reads "127.1" or "0x7f.0.0.1", which no
  // proxy writes and which would give one client several spellings.
  if (!ipaddr.IPv6.isValid(value) && !ipaddr.IPv4.isValidFourPartDecimal(value)) return null;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4 / ::ffff:102:304) is the same client as 1.2.3.4: one key, not two.
  return ipaddr.process(value).toString();
}

/**
 * The client's address: with `trustedHops` = 0 the socket peer; with N, the N-th X-Forwarded-For entry
 * from the right (each trusted proxy appends the address it received the request from). A request that
 * reached us with fewer entries came around the proxies, so the leftmost entry we have is used — never
 * one further left than the trusted hops allow.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trustedHops: number): string | null {
  const chain = [...(trustedHops > 0 && forwardedFor ? forwardedFor.split(",").map((s) => s.trim()) : []), peer ?? ""];
  const index = Math.max(0, chain.length - 1 - trustedHops);
  // An entry a trusted proxy wrote that is not an address: fall back to the proxy's own view (one hop
  // to the right), which is still an address we received from something we trust.
  for (let i = index; i < chain.length; i++) {
    const ip = normalizeIp(chain[i]);
    if (ip) return ip;
  }
  return null;
}

/**
 * The key rate limits count an address under: IPv4 as is; IPv6 by its /64, because one subscriber
 * gets a whole /64 and could otherwise take a fresh address (and a fresh budget) for every request.
 */
export function addressBucket(ip: string): string {
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === "ipv4") return ip;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}
