// The security headers of every response (S5), in one place. Pages get a nonce-based CSP without
// 'unsafe-inline' scripts (Next.js puts the nonce on its own scripts); API responses are data, so they
// get a CSP that allows nothing at all.

export function pageCsp(nonce: string, opts: { production: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Inline style attributes cannot run script; React sets a few (e.g. progress bars).
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

// `sandbox`: should a response ever be rendered (an attachment download), it runs as an opaque origin.
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox";

export function commonSecurityHeaders(production: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
