import { json } from "@/http/respond";
import { route } from "@/http/route";
import { sharedReadiness } from "@/lib/readiness";

// Readiness (S16): one database/Redis check per second at most, however many probes ask (sharedReadiness).
export const GET = route({ name: "ready", public: true, rateLimit: "none" }, async () => {
  const result = await sharedReadiness();
  return json(result, { status: result.status === "unavailable" ? 503 : 200 });
});
