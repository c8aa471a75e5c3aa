import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authCookieName, readCookie, signedSessionToken } from "./session-cookie";

const SECRET = "unit-test-secret-unit-test-secret-0123";

/** Signs as the auth library does (better-call signCookieValue): WebCrypto HMAC, base64, URL-encoded. */
async function libraryStyleCookie(token: string, secret = SECRET): Promise<string> {
  const key = await webcrypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = Buffer.from(await webcrypto.subtle.sign("HMAC", key, new TextEncoder().encode(token))).toString("base64");
  return encodeURIComponent(`${token}.${sig}`);
}

describe("the session cookie as our HTTP server reads it (S8)", () => {
  it("names the cookie like the auth library's configuration: __Host- in production", () => {
    expect(authCookieName("session_token", false)).toBe("helpdesk.session_token");
    expect(authCookieName("session_token", true)).toBe("__Host-helpdesk.session_token");
  });

  it("accepts a correctly signed cookie, in any position, encoded or not", async () => {
    const value = await libraryStyleCookie("tok123");
    expect(signedSessionToken(`helpdesk.session_token=${value}`, SECRET, false)).toBe("tok123");
    expect(signedSessionToken(`a=b; helpdesk.session_token=${decodeURIComponent(value)}; c=d`, SECRET, false)).toBe("tok123");
    expect(signedSessionToken(`__Host-helpdesk.session_token=${value}`, SECRET, true)).toBe("tok123");
  });

  it("refuses every garbage, forged or misplaced cookie", async () => {
    const good = await libraryStyleCookie("tok123");
    const otherSecret = await libraryStyleCookie("tok123", `${SECRET}-other`);
    const tampered = decodeURIComponent(good).replace("tok123", "tok124");
    const cases = [
      undefined,
      "",
      "a=b",
      "helpdesk.session_token=",
      "helpdesk.session_token=garbage",
      "helpdesk.session_token=.AAAA",
      `helpdesk.session_token=tok123.${"A".repeat(43)}=`,
      `helpdesk.session_token=${otherSecret}`,
      `helpdesk.session_token=${encodeURIComponent(tampered)}`,
      `helpdesk.session_token=${good}`.replace("helpdesk", "Helpdesk"),
      `__Host-helpdesk.session_token=${good}`, // the production name outside production, and vice versa:
      `x-helpdesk.session_token=${good}`,
      `helpdesk.session_token=%E0%A4%A; helpdesk.session_token=${good}`, // the first one counts, as in the library
    ];
    for (const c of cases) expect(signedSessionToken(c, SECRET, false), String(c)).toBeNull();
    expect(signedSessionToken(`helpdesk.session_token=${good}`, SECRET, true)).toBeNull();
  });

  it("reads the first cookie of a name, unquoted and URL-decoded", () => {
    expect(readCookie('x=1; y="a%20b"; y=2', "y")).toBe("a b");
    expect(readCookie("x=%E0%A4%A", "x")).toBe("%E0%A4%A");
    expect(readCookie("x", "x")).toBeNull();
  });
});
