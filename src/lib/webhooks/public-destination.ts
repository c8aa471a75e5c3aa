// Outgoing webhooks go to addresses on the public internet only (request forgery): an organization admin
// must not be able to make the server call its own network (metadata services, databases, admin ports).
// Checked when the URL is saved and again before every delivery (DNS can change in between).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = v4ToInt(ip);
    return !V4_BLOCKED.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
  }
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return isPublicAddress(mapped[1]!);
  if (v6 === "::" || v6 === "::1") return false;
  // link-local fe80::/10, unique-local fc00::/7, multicast ff00::/8, documentation 2001:db8::/32
  return !/^(fe[89ab]|f[cd]|ff)/.test(v6) && !v6.startsWith("2001:db8:");
}

export class PrivateDestinationError extends Error {}

/** Throws unless every address the URL's host resolves to is public. */
export async function assertPublicDestination(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find((a) => !isPublicAddress(a));
  if (blocked || addresses.length === 0) throw new PrivateDestinationError(`webhook destination ${host} is not a public address`);
}
