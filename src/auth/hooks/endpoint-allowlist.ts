// Issue 9 item 2: the allowlist again, inside the library. The HTTP door (src/http/auth-route.ts) refuses
// unlisted paths before they reach the handler; this hook refuses them for any HTTP request that reaches
// the handler some other way (another route mounting auth().handler, a future catch-all). Calls through
// auth.api.* from our own server code carry no request and are not affected: the server decides itself.
import { APIError } from "better-auth/api";
import { isAllowedAuthEndpoint } from "../auth-endpoints";
import type { HookCtx } from "./auth-user";

export const endpointAllowlistBefore = async (ctx: HookCtx) => {
  const request = (ctx as { request?: Request }).request;
  if (!request) return;
  if (isAllowedAuthEndpoint(request.method, ctx.path)) return;
  throw new APIError("NOT_FOUND", { code: "not_found", message: "Endpoint not found" });
};
