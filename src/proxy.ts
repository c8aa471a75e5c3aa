// Runs before every page and API request: a fresh CSP nonce per page request, and the security headers
// on every response (S5). Authentication is not decided here; pages and routes ask getActor().
import { NextResponse, type NextRequest } from "next/server";
import { defaultAppEnv } from "@/lib/env";
import { API_CSP, commonSecurityHeaders, pageCsp } from "@/http/security-headers";

export function proxy(request: NextRequest) {
  const production = defaultAppEnv(process.env) === "production";
  const headers = commonSecurityHeaders(production);
  const isApi = request.nextUrl.pathname.startsWith("/api/");

  if (isApi) {
    const response = NextResponse.next();
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    response.headers.set("Content-Security-Policy", API_CSP);
    return response;
  }

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
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
