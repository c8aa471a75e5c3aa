// Webhook destinations are global unicast only (S9, issue 9 item 1): every IPv4-in-IPv6 form is unwrapped,
// every integer/octal/hex spelling of a host is judged after the URL parser normalised it, and a name is
// judged by ALL of its DNS answers.
import { describe, expect, it } from "vitest";
import { assertPublicDestination, isPublicAddress, resolveDestination, type LookupAll } from "./public-destination";

const refusedAddresses = [
  // IPv4 special ranges
  "127.0.0.1",
  "127.255.255.254",
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.1",
  "169.254.169.254",
  "100.64.0.1",
  "0.0.0.0",
  "0.1.2.3",
  "224.0.0.1",
  "255.255.255.255",
  "240.0.0.1",
  "192.0.0.8",
  "192.0.2.1",
  "198.18.0.1",
  "198.51.100.1",
  "203.0.113.9",
  "192.88.99.1",
  // IPv6 special ranges
  "::1",
  "::",
  "fe80::1",
  "fec0::1",
  "fd00::1",
  "fc00::1",
  "ff02::1",
  "2001:db8::1",
  "100::1",
  "5f00::1",
  "3fff::1",
  // IPv4-mapped, every spelling
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "0:0:0:0:0:ffff:7f00:1",
  "::FFFF:7F00:0001",
  "::ffff:10.0.0.1",
  "::ffff:169.254.169.254",
  // IPv4-compatible (deprecated, still routed by some stacks) and SIIT
  "::127.0.0.1",
  "::7f00:1",
  "::a9fe:a9fe",
  "::ffff:0:127.0.0.1",
  // NAT64 (both prefixes), 6to4 and Teredo carrying private IPv4 — and carrying public IPv4 too
  "64:ff9b::127.0.0.1",
  "64:ff9b::7f00:1",
  "64:ff9b:1::a00:1",
  "64:ff9b::8.8.8.8",
  "2002:7f00:1::1",
  "2002:a9fe:a9fe::",
  "2002:808:808::1",
  "2001:0:4136:e378:8000:63bf:80ff:fffe",
  "2001::1",
  // Not addresses: names and non-canonical spellings are not judged as addresses
  "localhost",
  "2130706433",
  "0x7f.1",
  "0177.0.0.1",
  "127.1",
  "fe80::1%eth0",
  "",
  "8.8.8.8.",
  " 8.8.8.8",
];

const publicAddresses = ["8.8.8.8", "1.1.1.1", "172.32.0.1", "93.184.216.34", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"];

describe("webhook destinations are global unicast addresses only", () => {
  it.each(refusedAddresses)("refuses %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(publicAddresses)("accepts %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it("judges a mapped public address by its IPv4 address but still refuses the IPv6 form (only plain global unicast connects)", () => {
    // ::ffff:8.8.8.8 would go to 8.8.8.8; a host resolving to it is rare enough that refusing costs nothing.
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(false);
  });
});

const noDns: LookupAll = async (host) => {
  throw new Error(`unexpected DNS lookup of ${host}`);
};

describe("webhook URLs, after the URL parser's normalisation", () => {
  const refusedUrls = [
    "http://[::ffff:127.0.0.1]:5432/hook",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[::ffff:0:127.0.0.1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[64:ff9b:1::a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    "http://[::1]:6379/",
    "http://[::]/",
    "http://[fe80::1]/",
    "http://[fd12:3456::1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://%31%32%37.0.0.1/",
    "http://127.0.0.1.:8080/",
    "https://169.254.169.254/latest/meta-data",
    "http://0xa9fea9fe/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "ftp://8.8.8.8/",
    "file:///etc/passwd",
    "gopher://8.8.8.8:6379/_INFO",
    "http://user:pass@8.8.8.8/", // secretlint-disable-line -- the credential in a URL is what this test refuses
    "http://user@8.8.8.8/",
    "http://8.8.8.8:0/",
    "not a url",
  ];
  it.each(refusedUrls)("refuses %s", async (url) => {
    await expect(assertPublicDestination(url, noDns)).rejects.toThrow(/webhook destination refused/);
  });

  it("a name is refused when ANY of its answers is not public (the connection could pick it)", async () => {
    const answers =
      (list: string[]): LookupAll =>
      async () =>
        list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    await expect(assertPublicDestination("https://hooks.example.com/x", answers(["8.8.8.8", "10.0.0.1"]))).rejects.toThrow(/not a public address/);
    await expect(assertPublicDestination("https://hooks.example.com/x", answers(["2606:4700::1", "::ffff:127.0.0.1"]))).rejects.toThrow(/not a public address/);
    await expect(assertPublicDestination("https://hooks.example.com/x", answers(["64:ff9b::a00:1"]))).rejects.toThrow(/not a public address/);
    await expect(assertPublicDestination("https://hooks.example.com/x", answers([]))).rejects.toThrow(/host not found/);
    await expect(assertPublicDestination("https://hooks.example.com./x", answers(["8.8.8.8", "1.1.1.1"]))).resolves.toBeUndefined();
  });

  it("resolves once and hands back the address it checked", async () => {
    let calls = 0;
    const rebinding: LookupAll = async () => (++calls === 1 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
    const dest = await resolveDestination("https://hooks.example.com:8443/x?y=1", { allowPrivate: false, lookup: rebinding });
    expect(dest).toMatchObject({ hostname: "hooks.example.com", address: "93.184.216.34", family: 4 });
    expect(calls).toBe(1);
  });

  it("accepts a public IPv4 or IPv6 literal without DNS", async () => {
    await expect(resolveDestination("https://8.8.8.8/hook", { allowPrivate: false, lookup: noDns })).resolves.toMatchObject({ address: "8.8.8.8", family: 4 });
    await expect(resolveDestination("https://[2606:4700:4700::1111]:8443/", { allowPrivate: false, lookup: noDns })).resolves.toMatchObject({
      address: "2606:4700:4700::1111",
      family: 6,
    });
  });
});
