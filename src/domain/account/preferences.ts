// A person's own time zone, locale and theme (issue 13): read with the values in effect, changed and
// audited in one transaction.
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { effectiveTimePrefs, isTheme, type PrefInputs, type TThemeChoice } from "@/lib/preferences";
import type { TUpdatePreferences } from "./account.schemas";

type Stored = { timeZone: string | null; locale: string | null; theme: string | null };
type OrgDefaults = { orgTimeZone: string | null; orgLocale: string | null };

function toDto(own: Stored, org: OrgDefaults, browser: PrefInputs["browser"]) {
  const effective = effectiveTimePrefs({
    user: own,
    organization: { timeZone: org.orgTimeZone, locale: org.orgLocale },
    browser,
  });
  return {
    timeZone: own.timeZone,
    locale: own.locale,
    theme: (isTheme(own.theme) ? own.theme : "system") as TThemeChoice,
    organization: { timeZone: org.orgTimeZone, locale: org.orgLocale },
    effective,
  };
}

export type PreferencesDto = ReturnType<typeof toDto>;

/** The actor's choices, the organization's defaults and what is in effect for this browser. */
export async function getMyPreferences(actor: Actor, browser: PrefInputs["browser"]): Promise<PreferencesDto> {
  requirePermission(actor, "account.manage");
  const row = await scoped(actor).myPreferences.get();
  if (!row) throw NotFound("User");
  return toDto(row, row, browser);
}

/** Changes what was sent (null clears a choice; theme "system" clears the theme); audits what changed. */
export async function updateMyPreferences(actor: Actor, input: TUpdatePreferences, browser: PrefInputs["browser"]): Promise<PreferencesDto> {
  requirePermission(actor, "account.manage");
  return inTenantTransaction(actor, async (s) => {
    const before = await s.myPreferences.getForUpdate();
    if (!before) throw NotFound("User");
    const patch: Partial<Stored> = {};
    if (input.timeZone !== undefined) patch.timeZone = input.timeZone;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (input.theme !== undefined) patch.theme = input.theme === "system" ? null : input.theme;
    const after = (await s.myPreferences.update(patch)) ?? before;
    const changes = Object.fromEntries(
      (Object.keys(patch) as (keyof Stored)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    if (Object.keys(changes).length > 0) {
      await s.audit.record({ action: "account.preferences_updated", targetType: "user", targetId: actor.userId, data: { changes } });
    }
    const org = await s.myPreferences.get();
    return toDto(after, org ?? { orgTimeZone: null, orgLocale: null }, browser);
  });
}
