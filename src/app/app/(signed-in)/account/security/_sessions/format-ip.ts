/**
 * The auth library stores IPv6 addresses expanded and cut to their /64 network
 * ("2001:0db8:0000:0000:0000:0000:0000:0000"). Shown in the usual short form, with the /64 said out
 * loud so nobody reads it as one host: "2001:db8::/64". IPv4 and anything else are shown as stored.
 */
export function formatIp(ip: string): string {
  const groups = ip.split(":");
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return ip;
  const masked = groups.slice(4).every((g) => /^0+$/.test(g));
  const short = groups.map((g) => g.replace(/^0+(?=.)/, "").toLowerCase());
  // Compress the longest run of zero groups (at least two) into "::", as RFC 5952 does.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (short[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && short[j] === "0") j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const text = best.length >= 2 ? `${short.slice(0, best.start).join(":")}::${short.slice(best.start + best.length).join(":")}` : short.join(":");
  return masked ? `${text}/64` : text;
}
