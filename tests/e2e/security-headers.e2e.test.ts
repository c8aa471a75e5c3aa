// S5 headers on every response of the built app: a fresh nonce CSP on pages (no 'unsafe-inline'
// scripts), a nothing-allowed CSP on API responses, and the usual hardening headers on both.
import { describe, expect, inject, it } from "vitest";

const get = (path: string) => fetch(`${inject("baseUrl")}${path}`, { redirect: "manual" });

function scriptSrc(csp: string): string {
  return (
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? ""
  );
}

describe("security headers (S5)", () => {
  it("pages carry a nonce CSP that changes per request and never allows inline script", async () => {
    const a = (await get("/app/sign-in")).headers.get("content-security-policy") ?? "";
    const b = (await get("/app/sign-in")).headers.get("content-security-policy") ?? "";
    expect(scriptSrc(a)).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc(a)).not.toContain("unsafe-inline");
    expect(scriptSrc(a)).not.toContain("unsafe-eval");
    expect(a).toContain("frame-ancestors 'none'");
    expect(a).toContain("object-src 'none'");
    expect(scriptSrc(a)).not.toBe(scriptSrc(b));
  });

  it("the nonce in the header is the one on the page's scripts", async () => {
    const res = await get("/app/sign-in");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  for (const path of ["/app/sign-in", "/api/health", "/api/tickets"]) {
    it(`${path} has the hardening headers`, async () => {
      const res = await get(path);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    });
  }

  it("API responses forbid everything in their CSP", async () => {
    const csp = (await get("/api/health")).headers.get("content-security-policy");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("sandbox");
  });
});
