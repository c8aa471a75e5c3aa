// Issue 9 item 2 (S1, S3, S4): only the auth endpoints the app uses are reachable, every spelling of the
// others answers a 404 in our JSON shape, and every endpoint that checks a secret shares the throttle.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_AUTH_ENDPOINTS, REFUSED_AUTH_ENDPOINTS } from "@/auth/auth-endpoints";
import { auth } from "@/auth/better-auth";
import { USER_CREDENTIAL_PATHS } from "@/auth/hooks/guess-budget";
import { call, callJson } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { withoutDevice } from "../support/device-cookies";

/** Endpoints without an HTTP path (the library marks them server-only): unreachable over HTTP. */
const SERVER_ONLY = new Set(["setPassword", "generateTOTP", "viewBackupCodes"]);
/** Body fields that carry a guessable secret: an endpoint taking one must be throttled. */
const SECRET_FIELDS = ["password", "currentPassword", "code"];

type LibraryEndpoint = { key: string; path: string | undefined; methods: string[]; bodyKeys: string[] };

/** Every endpoint better-auth (with our plugins) exposes, read from auth().api itself. */
function libraryEndpoints(): LibraryEndpoint[] {
  return Object.entries(auth().api as unknown as Record<string, { path?: string; options?: { method?: string | string[]; body?: { shape?: object } } }>).map(
    ([key, endpoint]) => {
      const method = endpoint.options?.method ?? [];
      return {
        key,
        path: endpoint.path,
        methods: (Array.isArray(method) ? method : [method]).filter((m) => m !== "*"),
        bodyKeys: Object.keys(endpoint.options?.body?.shape ?? {}),
      };
    },
  );
}

const concrete = (path: string) => path.replace(/:(\w+)/g, "x-$1");

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("auth-endpoints");
});

describe("auth endpoint allowlist (issue 9 item 2)", () => {
  it("every library endpoint is either allowed or refused knowingly; none is new, none is stale", () => {
    const endpoints = libraryEndpoints();
    expect(endpoints.length).toBeGreaterThan(30);
    const allowedPaths = new Set(Object.keys(ALLOWED_AUTH_ENDPOINTS).map((e) => e.split(" ")[1]));
    const unknown = endpoints.filter((e) => (e.path ? !allowedPaths.has(e.path) && !(e.path in REFUSED_AUTH_ENDPOINTS) : !SERVER_ONLY.has(e.key)));
    expect(
      unknown.map((e) => `${e.key} ${e.path}`),
      "decide: add to ALLOWED_AUTH_ENDPOINTS or REFUSED_AUTH_ENDPOINTS",
    ).toEqual([]);
    const libraryPaths = new Set(endpoints.map((e) => e.path));
    const stale = [...allowedPaths, ...Object.keys(REFUSED_AUTH_ENDPOINTS)].filter((p) => !libraryPaths.has(p));
    expect(stale).toEqual([]);
    for (const entry of Object.keys(ALLOWED_AUTH_ENDPOINTS)) {
      const [method, path] = entry.split(" ");
      expect(endpoints.find((e) => e.path === path)!.methods, entry).toContain(method);
    }
  });

  it("every endpoint that takes a password or code is throttled (refused ones too, for server-side callers)", () => {
    const checking = libraryEndpoints().filter((e) => e.path && e.bodyKeys.some((k) => SECRET_FIELDS.includes(k)));
    expect(checking.map((e) => e.path)).toEqual(expect.arrayContaining(["/verify-password", "/two-factor/get-totp-uri", "/change-password"]));
    for (const e of checking) expect(e.path === "/sign-in/email" || USER_CREDENTIAL_PATHS.has(e.path!), e.path).toBe(true);
  });

  it("every refused endpoint answers 404 JSON for each of its methods, with or without a session", async () => {
    const cookie = await signIn(org.agent);
    for (const e of libraryEndpoints().filter((x) => x.path && x.path in REFUSED_AUTH_ENDPOINTS)) {
      for (const method of e.methods) {
        for (const session of [undefined, cookie]) {
          const res = await callJson(
            method,
            `/api/auth${concrete(e.path!)}`,
            method === "GET" ? { cookie: session } : { cookie: session, body: { password: TEST_PASSWORD, name: "Ada Admin" } },
          );
          expect(res.status, `${method} ${e.path}`).toBe(404);
          expect(res.body.error.code, `${method} ${e.path}`).toBe("not_found");
        }
      }
    }
    // What they would have done did not happen: the name is unchanged, the user still exists.
    const me = await callJson("GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.body.name).not.toBe("Ada Admin");
  });

  it("other spellings of refused and allowed paths are 404 too: trailing slash, double slash, percent-encoding, case, wrong method", async () => {
    const variants: Array<[string, string]> = [
      ["POST", "/api/auth/sign-up/email/"],
      ["POST", "/api/auth//sign-up/email"],
      ["POST", "/api/auth/sign%2Dup/email"],
      ["POST", "/api/auth/sign-up%2Femail"],
      ["POST", "/api/auth/SIGN-UP/EMAIL"],
      ["POST", "/api/auth/Update-User"],
      ["POST", "/api/auth/update-user/"],
      ["POST", "/api/auth/%75pdate-user"],
      ["POST", "/api/auth/delete-user//"],
      ["POST", "/api/auth/send-verification-email?x=1/"],
      // Issue 12 opened the reset endpoints: only their exact spelling.
      ["POST", "/api/auth/request-password-reset/"],
      ["POST", "/api/auth/Request-Password-Reset"],
      ["POST", "/api/auth/reset-password//"],
      ["GET", "/api/auth/reset-password/some-token"],
      ["POST", "/api/auth/verify-password/"],
      ["POST", "/api/auth/two-factor//get-totp-uri"],
      ["POST", "/api/auth/two-factor/get-totp-uri/"],
      ["POST", "/api/auth/Two-Factor/Get-Totp-Uri"],
      ["POST", "/api/auth/sign-in/email/"],
      ["POST", "/api/auth/Sign-In/Email"],
      ["POST", "/api/auth/sign-in%2Femail"],
      ["POST", "/api/auth/get-session"],
      ["GET", "/api/auth/sign-out"],
    ];
    for (const [method, path] of variants) {
      const res = await callJson(method, path, method === "GET" ? {} : { body: { email: "x@example.test", password: TEST_PASSWORD, name: "n" } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code, `${method} ${path}`).toBe("not_found");
    }
    // The canonical allowed spelling still works.
    expect((await call("POST", "/api/auth/sign-in/email", { body: { email: org.agent2.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it("the library's hook refuses unlisted paths for a request that reaches its handler directly (not through our door)", async () => {
    const res = await auth().handler(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ email: "new@x.test", password: "a-long-new-pass-phrase", name: "n" }),
      }),
    );
    expect(res.status).toBe(404);
    const allowed = await auth().handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ email: org.requester.email, password: TEST_PASSWORD }),
      }),
    );
    expect(allowed.status).toBe(200);
  });

  it("a stolen session cannot guess the password: verify-password, get-totp-uri, change-password and two-factor/enable share one budget", async () => {
    const user = await createUser(org.id, org.slug, "shared-budget", "agent");
    // The session token alone: the browser's device cookie would be judged by its own budget (device-cookie-*.test.ts).
    const cookie = withoutDevice(await signIn(user));
    const headers = new Headers({ cookie });
    // Over HTTP the two oracles are gone altogether.
    expect((await callJson("POST", "/api/auth/verify-password", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(404);
    expect((await callJson("POST", "/api/auth/two-factor/get-totp-uri", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(404);
    // Through the server API (any future caller) they are throttled with the rest: 5 failures in all.
    await expect(auth().api.verifyPassword({ body: { password: "guess-one-password" }, headers })).rejects.toMatchObject({ statusCode: 400 });
    await expect(auth().api.verifyPassword({ body: { password: "guess-two-password" }, headers })).rejects.toMatchObject({ statusCode: 400 });
    await expect(auth().api.getTOTPURI({ body: { password: "guess-three-password" }, headers })).rejects.toMatchObject({ statusCode: 400 });
    expect(
      (
        await callJson("POST", "/api/auth/change-password", {
          cookie,
          body: { currentPassword: "guess-four-password", newPassword: "Lantern-orbit-cabbage-42" },
        })
      ).status,
    ).toBe(400);
    expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: "guess-five-password" } })).status).toBe(400);
    // Sixth check, right password, every door: 429.
    await expect(auth().api.verifyPassword({ body: { password: TEST_PASSWORD }, headers })).rejects.toMatchObject({ statusCode: 429 });
    await expect(auth().api.getTOTPURI({ body: { password: TEST_PASSWORD }, headers })).rejects.toMatchObject({ statusCode: 429 });
    expect(
      (await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: "Lantern-orbit-cabbage-42" } }))
        .status,
    ).toBe(429);
    expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(429);
  });
});
