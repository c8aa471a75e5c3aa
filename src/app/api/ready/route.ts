import { json } from "@/http/respond";
import { route } from "@/http/route";
import { checkReadiness } from "@/lib/readiness";

export const GET = route({ name: "ready", public: true, rateLimit: "none" }, async () => {
  const result = await checkReadiness();
  return json(result, { status: result.status === "unavailable" ? 503 : 200 });
});
