// Issue 9 item 4: the client address comes from the socket and only as many X-Forwarded-For hops as we
// run proxies; every spelling of one address is one address.
import { describe, expect, it } from "vitest";
import { addressBucket, normalizeIp, resolveClientAddress } from "./client-address";

describe("normalizeIp", () => {
  it.each([
    ["203.0.113.5", "203.0.113.5"],
    [" 203.0.113.5 ", "203.0.113.5"],
    ["203.0.113.5:51234", "203.0.113.5"],
    ["::ffff:203.0.113.5", "203.0.113.5"],
    ["::ffff:cb00:7105", "203.0.113.5"],
    ["[::ffff:203.0.113.5]:443", "203.0.113.5"],
    ["[2001:db8::1]:8080", "2001:db8::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each([
    "",
    "unknown",
    "127.1",
    "0x7f.0.0.1",
    "2130706433",
    "999.1.1.1",
    "1.2.3.4.5",
    "203.0.113.5\u0000",
    "<script>",
    "1".repeat(65),
    "203.0.113.5, 198.51.100.1",
  ])("refuses %j", (raw) => {
    expect(normalizeIp(raw)).toBeNull();
  });
});

describe("resolveClientAddress", () => {
  it("with no trusted proxy, X-Forwarded-For is ignored whatever it says", () => {
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", 0)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "1.1.1.1, 2.2.2.2", 0)).toBe("198.51.100.7");
    expect(resolveClientAddress("::ffff:198.51.100.7", null, 0)).toBe("198.51.100.7");
  });

  it("with one trusted proxy, the entry that proxy appended counts, not what the client prepended", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9", 1)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", "victim, 6.6.6.6,203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("with two trusted proxies, the second entry from the right", () => {
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("a request that came around the proxies cannot reach further left than the chain it has", () => {
    expect(resolveClientAddress("198.51.100.7", null, 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", 3)).toBe("203.0.113.9");
  });

  it("an entry that is not an address falls back to the trusted hop's own view, never to the client's text", () => {
    expect(resolveClientAddress("10.0.0.2", "x".repeat(80), 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "127.1", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress(undefined, null, 0)).toBeNull();
  });
});

describe("addressBucket", () => {
  it("keeps IPv4 and groups IPv6 by /64, so rotating the interface id gives no fresh budget", () => {
    expect(addressBucket("203.0.113.5")).toBe("203.0.113.5");
    expect(addressBucket("2001:db8:1:2::1")).toBe(addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(addressBucket("2001:db8:1:2::1")).not.toBe(addressBucket("2001:db8:1:3::1"));
  });
});
