import { describe, expect, it } from "vitest";
import { assertPublicDestination, isPublicAddress } from "./public-destination";

describe("webhook destinations are public addresses only", () => {
  it("refuses loopback, private, link-local (metadata), CGNAT, multicast and their IPv6 forms", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("accepts public addresses", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "93.184.216.34", "2606:4700:4700::1111"]) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });

  it("checks what a host name resolves to", async () => {
    await expect(assertPublicDestination("https://localhost:8443/hook")).rejects.toThrow(/not a public address/);
    await expect(assertPublicDestination("https://[::1]/hook")).rejects.toThrow(/not a public address/);
    await expect(assertPublicDestination("https://169.254.169.254/latest/meta-data")).rejects.toThrow(/not a public address/);
  });
});
