// json(): the answer's bytes are encoded once (issue 15); an answer of nothing is JSON null, not a TypeError
// thrown after the handler's transaction committed (security review F3).
import { describe, expect, it } from "vitest";
import { json } from "./respond";

describe("json()", () => {
  it("answers JSON text with its content type and no caching", async () => {
    const res = json({ ok: true, name: "Zoë" }, { status: 201 });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe('{"ok":true,"name":"Zoë"}');
  });

  it("answers null for undefined, for a function and for a symbol, instead of throwing", async () => {
    for (const nothing of [undefined, () => 1, Symbol("x")]) expect(await json(nothing).text()).toBe("null");
  });
});
