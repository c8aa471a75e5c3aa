import { ZAcceptInvite, ZInviteToken } from "@/domain/admin/admin.schemas";
import { acceptInvite } from "@/domain/admin/accept-invite";
import { route } from "@/http/route";
import { clientIp } from "@/auth/client-ip";
import { AppError } from "@/lib/errors";

// Public: the one-time link is the credential. Requests without a session are limited per IP by the
// pipeline (api.anonymous), which also caps guessing of tokens.
export const POST = route({ name: "invites.accept", public: true, body: ZAcceptInvite }, async ({ req, params, body }) => {
  if (!ZInviteToken.safeParse(params.token).success) throw new AppError("not_found", "This invite link is invalid, has expired or was already used");
  return acceptInvite(params.token!, body, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null });
});
