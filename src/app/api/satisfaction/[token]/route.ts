import { clientIp } from "@/auth/client-ip";
import { answerByLink } from "@/domain/satisfaction/answer-satisfaction";
import { ZSatisfactionAnswer } from "@/domain/satisfaction/satisfaction.schemas";
import { json } from "@/http/respond";
import { route } from "@/http/route";

// Public (issue 13): the e-mailed single-use link is the credential for one answer. Requests without a
// session are limited per IP by the pipeline (api.anonymous), which also caps guessing of tokens; with a
// cookie the origin check applies as on every POST, and the session must be the link's requester.
export const POST = route({ name: "satisfaction.answer_link", public: true, body: ZSatisfactionAnswer }, async ({ req, actor, params, body }) => {
  const answer = await answerByLink(params.token!, body, actor, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null });
  return json(answer, { status: 201 });
});
