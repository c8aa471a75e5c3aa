// Runs before every page request: a fresh CSP nonce per page request, and the security headers (S5).
// Not on /api: Next buffers the whole request body of every route its proxy runs on (issue 9 item 7), so
// the API's headers are set by our HTTP server instead (src/server/request-listener.ts). Authentication is not
// decided here; pages and routes ask getActor().
import { NextResponse, type NextRequest } from "next/server";
import { defaultAppEnv } from "@/lib/env";
import { commonSecurityHeaders, pageCsp } from "@/http/security-headers";

export function proxy(request: NextRequest) {
  const production = defaultAppEnv(process.env) === "production";
  const headers = commonSecurityHeaders(production);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce, { production, dev: process.env.NODE_ENV === "development" });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
