// Outgoing webhooks go to addresses on the public internet only (S9, request forgery): an organization admin
// must not be able to make the server call its own network (metadata services, databases, admin ports).
// Checked when the URL is saved and again before every delivery (DNS can change in between); a delivery
// connects to exactly the address checked here (post-webhook.ts pins it), so a second DNS answer cannot
// redirect it (rebinding) — issue 9 item 1.
//
// Addresses are classified with ipaddr.js, not by hand: the URL parser writes hosts in forms a string
// match does not know (`[::ffff:127.0.0.1]` becomes `::ffff:7f00:1`, `0x7f.1` and `2130706433` become
// `127.0.0.1`), and IPv6 has several ways to carry an IPv4 address. Only global unicast passes.
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// IPv6 forms that embed an IPv4 address. Each is unwrapped and the IPv4 address judged on its own, and
// the IPv6 form itself is still refused below (none is global unicast): a gateway on the way could
// translate it to the embedded IPv4 host.
function embeddedV4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (p[5] === 0xffff || p[5] === 0)) return v4(p[6]!, p[7]!); // ::ffff:a.b.c.d mapped, ::a.b.c.d compatible
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return v4(p[6]!, p[7]!); // ::ffff:0:a.b.c.d (SIIT, RFC 6145)
  if (p[0] === 0x64 && p[1] === 0xff9b) return v4(p[6]!, p[7]!); // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  if (p[0] === 0x2002) return v4(p[1]!, p[2]!); // 6to4 2002:AABB:CCDD::/48
  if (p[0] === 0x2001 && p[1] === 0) return v4(~p[6]! & 0xffff, ~p[7]! & 0xffff); // Teredo: client address inverted
  return null;
}

// The 2000::/3 block is where global unicast IPv6 lives; ipaddr.js calls anything it has no name for
// "unicast", including ::a.b.c.d (IPv4-compatible) and unallocated space, so the block is checked too.
const V6_GLOBAL = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

function isPublic(a: Address): boolean {
  if (a.kind() === "ipv4") return a.range() === "unicast";
  const v6 = a as ipaddr.IPv6;
  const inner = embeddedV4(v6);
  if (inner && !isPublic(inner)) return false;
  return v6.range() === "unicast" && v6.match(V6_GLOBAL);
}

/**
 * True only for a global unicast address written as an address: four dotted decimals or IPv6. Anything
 * else (a name, `0x7f.1`, `2130706433`, an IPv6 zone) is not an address here and is not public.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 0 || ip.includes("%")) return false;
  return isPublic(ipaddr.parse(ip));
}

/** Addresses of this machine's own interfaces (a public address of the server itself reaches its services). */
function ownAddresses(): Set<string> {
  const own = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) own.add(ipaddr.process(i.address.split("%")[0]!).toString());
  return own;
}

export class PrivateDestinationError extends Error {
  constructor(readonly reason: string) {
    super(`webhook destination refused: ${reason}`);
  }
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: LookupAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

export class InvalidWebhookUrl extends PrivateDestinationError {}

/** The URL's shape, whatever the address policy: http(s), no credentials, a real port. */
export function parseWebhookUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new InvalidWebhookUrl("not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidWebhookUrl("only http and https");
  // A password in the URL would be stored and shown back, and means nothing to a receiver we sign for.
  if (url.username || url.password) throw new InvalidWebhookUrl("credentials in the URL");
  if (url.port === "0") throw new InvalidWebhookUrl("port 0");
  return url;
}

export type Destination = { url: URL; hostname: string; address: string; family: 4 | 6 };

/**
 * Parses the URL and resolves its host ONCE. Refuses what is not a plain http(s) URL to a host name or
 * address (credentials in the URL, port 0, `localhost` names); with `allowPrivate` false it also refuses
 * unless EVERY address the name resolves to is global unicast and not this machine's own (one private
 * answer among public ones is enough to refuse: the connection could pick it). Returns the address to
 * connect to — the caller must use exactly this one.
 */
export async function resolveDestination(rawUrl: string, opts: { allowPrivate: boolean; lookup?: LookupAll }): Promise<Destination> {
  const url = parseWebhookUrl(rawUrl);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  // WHATWG has already turned every integer/octal/hex IPv4 spelling into dotted decimals here.
  let answers: { address: string; family: number }[];
  if (isIP(hostname)) answers = [{ address: hostname, family: isIP(hostname) }];
  else {
    const name = hostname.replace(/\.$/, "").toLowerCase();
    // RFC 6761: localhost and *.localhost are this machine whatever DNS says.
    if (!opts.allowPrivate && (name === "localhost" || name.endsWith(".localhost"))) throw new PrivateDestinationError("not a public address");
    answers = await (opts.lookup ?? systemLookup)(hostname).catch(() => {
      throw new PrivateDestinationError("host not found");
    });
  }
  if (answers.length === 0) throw new PrivateDestinationError("host not found");
  if (!opts.allowPrivate) {
    const own = ownAddresses();
    for (const a of answers) {
      if (!isPublicAddress(a.address) || own.has(ipaddr.process(a.address).toString())) throw new PrivateDestinationError("not a public address");
    }
  }
  const first = answers[0]!;
  return { url, hostname, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}

/** Throws unless the URL is one a webhook may be sent to (the save-time check). */
export async function assertPublicDestination(url: string, lookup?: LookupAll): Promise<void> {
  await resolveDestination(url, { allowPrivate: false, lookup });
}
