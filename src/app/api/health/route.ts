import { route } from "@/http/route";

// Liveness: the process serves requests. It checks nothing else on purpose (see /api/ready).
export const GET = route({ name: "health", public: true, rateLimit: "none" }, async () => ({ status: "ok" }));
