import { describe, expect, it } from "vitest";
import { formatIp } from "./format-ip";

describe("formatIp", () => {
  it("shortens the library's expanded /64 IPv6 networks and says they are networks", () => {
    expect(formatIp("0000:0000:0000:0000:0000:0000:0000:0000")).toBe("::/64");
    expect(formatIp("2001:0db8:85a3:0000:0000:0000:0000:0000")).toBe("2001:db8:85a3::/64");
    expect(formatIp("2001:0db8:0001:0002:0000:0000:0000:0000")).toBe("2001:db8:1:2::/64");
  });

  it("shortens a full IPv6 address without calling it a network", () => {
    expect(formatIp("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(formatIp("2001:0db8:0001:0002:0003:0004:0005:0006")).toBe("2001:db8:1:2:3:4:5:6");
  });

  it("leaves IPv4 and anything unexpected as it is", () => {
    expect(formatIp("203.0.113.7")).toBe("203.0.113.7");
    expect(formatIp("unknown")).toBe("unknown");
  });
});
