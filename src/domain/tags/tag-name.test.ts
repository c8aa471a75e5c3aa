// Issue 11: what a tag name becomes, and the per-ticket limit, as pure functions.
import { describe, expect, it } from "vitest";
import { nextTags, sameTags } from "./next-tags";
import { normalizeTagName, ZTagName, zTagList } from "./tag-name";

describe("tag names (issue 11)", () => {
  it.each([
    ["  Billing  ", "billing"],
    ["Needs   Reply", "needs-reply"],
    ["ＶＩＰ", "vip"],
    ["ﬁnance", "finance"],
    ["Ünïcode Straße", "ünïcode-straße"],
    ['<img src=x onerror="alert(1)">', '<img-src=x-onerror="alert(1)">'],
  ])("%j becomes %j", (raw, expected) => {
    expect(normalizeTagName(raw)).toBe(expected);
    expect(ZTagName.parse(raw)).toBe(expected);
  });

  it.each([["a\u0000"], ["a\u202eb"], ["\u2066x\u2069"], ["zero\u200bwidth"], ["a\nb"], ["a,b"], ["   "], ["x".repeat(41)]])("refuses %j", (raw) => {
    expect(ZTagName.safeParse(raw).success).toBe(false);
  });

  it("a list drops duplicates after normalising and refuses more than its maximum before that", () => {
    expect(zTagList(20).parse(["A", "a", " a "])).toEqual(["a"]);
    expect(zTagList(2).safeParse(["a", "b", "c"]).success).toBe(false);
  });
});

describe("nextTags (issue 11)", () => {
  it("replaces, then adds and removes; the result is sorted", () => {
    expect(nextTags(["b", "a"], {})).toEqual(["a", "b"]);
    expect(nextTags(["a"], { set: ["z", "y"] })).toEqual(["y", "z"]);
    expect(nextTags(["a", "b"], { add: ["c"], remove: ["a", "missing"] })).toEqual(["b", "c"]);
  });

  it("refuses a 21st tag, naming the field", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(nextTags(twenty, { add: ["t0"] })).toHaveLength(20);
    expect(() => nextTags(twenty, { add: ["t20"] })).toThrow(
      expect.objectContaining({ kind: "invalid", details: [{ path: "tags", message: expect.any(String) }] }),
    );
    expect(nextTags(twenty, { add: ["t20"], remove: ["t0"] })).toHaveLength(20);
  });

  it("compares sets, not orders", () => {
    expect(sameTags(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameTags(["a"], ["a", "b"])).toBe(false);
  });
});
