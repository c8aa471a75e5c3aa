import { json } from "@/http/respond";
import { route } from "@/http/route";
import { sharedReadiness } from "@/lib/readiness";

// Readiness (S16): one database/Redis check per second at most, however many probes ask (sharedReadiness);
// 503 while down or while this instance shuts down (issue 14: the balancer stops sending it requests).
export const GET = route({ name: "ready", public: true, rateLimit: "none" }, async () => {
  const result = await sharedReadiness();
  return json(result, { status: result.status === "unavailable" || result.status === "draining" ? 503 : 200 });
});
