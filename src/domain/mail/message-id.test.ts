import { describe, expect, it } from "vitest";
import { messageIdsIn, newMessageId, normalizeMessageId } from "./message-id";

describe("Message-IDs (issue 12)", () => {
  it("stores one spelling: angle brackets on, surrounding space off, case kept", () => {
    expect(normalizeMessageId("  <Abc.123@Mail.Example>  ")).toBe("<Abc.123@Mail.Example>");
    expect(normalizeMessageId("abc@mail.example")).toBe("<abc@mail.example>");
  });

  it("refuses what is not a Message-ID", () => {
    for (const bad of ["", "   ", "<>", "<no-at-sign>", "<a@b@c>", "<a b@c>", "<a@b>\r\nBcc: x@y", `<${"a".repeat(1000)}@b>`, "<a@>", "<@b>"]) {
      expect(normalizeMessageId(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it("reads every id of a References header, once each, in order", () => {
    expect(messageIdsIn("<a@x> <b@y>\r\n <a@x>  junk <c@z>")).toEqual(["<a@x>", "<b@y>", "<c@z>"]);
    expect(messageIdsIn(["<a@x>", "<b@y>"])).toEqual(["<a@x>", "<b@y>"]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it("makes a fresh, well-formed id in our domain for each mail", () => {
    const a = newMessageId("help.example.com");
    expect(normalizeMessageId(a)).toBe(a);
    expect(a).toMatch(/^<[0-9a-f]{32}@help\.example\.com>$/);
    expect(newMessageId("help.example.com")).not.toBe(a);
  });
});
