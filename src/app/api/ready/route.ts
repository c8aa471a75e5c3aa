import { json } from "@/http/respond";
import { route } from "@/http/route";
import { checkReadiness } from "@/lib/readiness";

export const GET = route({ name: "ready", public: true }, async () => {
  const result = await checkReadiness();
  return json({ status: result.ready ? "ready" : "unavailable", checks: result.checks }, { status: result.ready ? 200 : 503 });
});
