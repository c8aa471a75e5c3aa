// Issue 11: the queue's place travels in its URLs, and "Back to the queue" can only ever lead to /app.
import { describe, expect, it } from "vitest";
import { queueHref, queueOrder, queueQuery, readFromParam, readQueueParams, ticketHref } from "./queue-params";

/** Where the ticket page's "Back to the queue" leads for a `from` value. */
const backHref = (from: string) => {
  const { query } = readFromParam(from);
  return query ? `/app?${query}` : "/app";
};

describe("the queue's place in its URL (issue 11)", () => {
  it("round-trips view, filters and page through a ticket link and back", () => {
    const { filters, ...place } = readQueueParams({ view: "v1", status: ["open", "pending"], tag: " vip ", q: "", cursor: "abc", junk: "x" });
    expect(filters).toEqual({ status: "open,pending", tag: "vip" });
    const qs = queueQuery(filters, place);
    expect(qs).toBe("view=v1&status=open%2Cpending&tag=vip&cursor=abc");
    const link = ticketHref("t1", qs);
    expect(link).toBe(`/app/tickets/t1?from=${encodeURIComponent(qs)}`);
    const from = new URL(link, "http://x").searchParams.get("from")!;
    expect(backHref(from)).toBe(`/app?${qs}`);
    expect(readFromParam(from).place).toEqual({ view: "v1", cursor: "abc", before: undefined });
  });

  it("a page reached with Previous keeps `before`, not `cursor`", () => {
    expect(queueHref({ sort: "due" }, { before: "b", cursor: "c" })).toBe("/app?sort=due&before=b");
  });

  it.each([
    ["https://evil.example/phish"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["javascript:alert(1)"],
    ["next=https://evil.example&redirect=//evil.example"],
    [""],
  ])("Back never leaves the queue: %j", (from) => {
    const href = backHref(from);
    expect(href === "/app" || href.startsWith("/app?")).toBe(true);
    expect(href).not.toMatch(/evil|javascript/);
  });

  it("names the real order: an SLA filter or sort=due lists due soonest", () => {
    expect(queueOrder({})).toBe("newest");
    expect(queueOrder({ sort: "due" })).toBe("due");
    expect(queueOrder({ sla: "breached" })).toBe("due");
  });

  it("a search lists best match first unless another order is chosen (issue 15)", () => {
    expect(queueOrder({ q: "printer" })).toBe("relevance");
    expect(queueOrder({ q: "printer", sort: "created" })).toBe("newest");
    expect(queueOrder({ q: "printer", sort: "due" })).toBe("due");
    expect(queueOrder({ q: "(((" })).toBe("newest");
  });
});
