// CSRF defence in the shared pipeline (S4): a state-changing request that carries a cookie must come from
// our own origin. Browsers always send Origin (and Sec-Fetch-Site) on cross-site POST/PATCH/DELETE, so a
// forged request is recognisable; scripts that send neither header are not browsers and cannot be forged.
import { env } from "@/lib/env";
import { Forbidden } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * `alwaysCheck` is for the credential endpoints: a forged sign-in carries no cookie (the victim is signed
 * out) yet would sign the victim into the attacker's account (login CSRF).
 */
export function assertSameOrigin(req: Request, opts: { alwaysCheck?: boolean } = {}): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  if (!opts.alwaysCheck && !req.headers.get("cookie")) return;
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") throw Forbidden("Cross-site request refused");
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(env().APP_URL).origin) throw Forbidden("Cross-site request refused");
}
