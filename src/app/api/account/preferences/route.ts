import { ZUpdatePreferences } from "@/domain/account/account.schemas";
import { getMyPreferences, updateMyPreferences } from "@/domain/account/preferences";
import { json } from "@/http/respond";
import { route } from "@/http/route";
import { themeCookie } from "@/http/theme-cookie";
import { browserPrefsFrom } from "@/lib/preferences";

export const GET = route({ name: "account.preferences.get", allowWithoutMfa: true }, ({ actor, req }) =>
  getMyPreferences(actor, browserPrefsFrom(req.headers)),
);

// The theme is also answered as a cookie: the page renders <html class> from it, so there is no flash.
export const PATCH = route({ name: "account.preferences.update", allowWithoutMfa: true, body: ZUpdatePreferences }, async ({ actor, req, body }) => {
  const prefs = await updateMyPreferences(actor, body, browserPrefsFrom(req.headers));
  const res = json(prefs);
  res.headers.append("set-cookie", themeCookie(prefs.theme));
  return res;
});
