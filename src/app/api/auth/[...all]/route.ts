import { auth } from "@/auth/better-auth";
import { authRoute } from "@/http/auth-route";

// Better Auth's own endpoints (sign-in, sign-out, sessions), behind our body cap and request log.
export const GET = authRoute((req) => auth().handler(req));
export const POST = authRoute((req) => auth().handler(req));
