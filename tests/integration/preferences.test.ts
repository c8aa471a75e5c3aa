// Each person's time zone, locale and theme (issue 13): set through the API, validated (an unknown zone or
// locale is a 400 naming the field), audited, and effective in the order own → organization → browser →
// fallback. One instant is worded in two people's zones from their real sessions (PostgreSQL). Only the
// caller's own row changes, whatever the body says.
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/auth/get-actor";
import { timeWords } from "@/components/time/format-time";
import { TimeText } from "@/components/time/time-text";
import { db } from "@/db/client";
import { auditEvents, organizations, users } from "@/db/schema";
import { browserPrefsFrom, timePrefsFor } from "@/lib/preferences";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
let other: TestOrg;
const cookies = {} as Record<"admin" | "agent" | "requester" | "otherAgent", string>;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("prefs"), createOrg("prefs-other")]);
  [cookies.admin, cookies.agent, cookies.requester, cookies.otherAgent] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.requester),
    signIn(other.agent),
  ]);
});

const stored = async (userId: string) =>
  (await db().select({ timeZone: users.timeZone, locale: users.locale, theme: users.theme }).from(users).where(eq(users.id, userId)))[0]!;

const preferenceEvents = (userId: string) =>
  db()
    .select({ actorId: auditEvents.actorId, targetId: auditEvents.targetId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "account.preferences_updated"), eq(auditEvents.targetId, userId)))
    .orderBy(auditEvents.seq);

describe("PATCH /api/account/preferences", () => {
  it("stores the zone and locale as Intl names them and the theme, audits what changed and answers the theme cookie", async () => {
    const res = await callJson("PATCH", "/api/account/preferences", {
      cookie: cookies.agent,
      body: { timeZone: "asia/tokyo", locale: "fr-ca", theme: "dark" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: "Asia/Tokyo",
      locale: "fr-CA",
      theme: "dark",
      effective: { timeZone: "Asia/Tokyo", locale: "fr-CA", sources: { timeZone: "user", locale: "user" } },
    });
    expect(await stored(org.agent.id)).toEqual({ timeZone: "Asia/Tokyo", locale: "fr-CA", theme: "dark" });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("hd_theme="))).toMatch(/^hd_theme=dark; Path=\/; Max-Age=\d+; SameSite=Lax/);
    const events = await preferenceEvents(org.agent.id);
    expect(events.at(-1)).toEqual({
      actorId: org.agent.id,
      targetId: org.agent.id,
      data: { changes: { timeZone: { from: null, to: "Asia/Tokyo" }, locale: { from: null, to: "fr-CA" }, theme: { from: null, to: "dark" } } },
    });

    // The same values again change nothing and add no audit event.
    const again = await callJson("PATCH", "/api/account/preferences", { cookie: cookies.agent, body: { timeZone: "Asia/Tokyo" } });
    expect(again.status).toBe(200);
    expect(await preferenceEvents(org.agent.id)).toHaveLength(events.length);

    // null gives a choice back to the organization and the browser; "system" removes the theme cookie.
    const cleared = await callJson("PATCH", "/api/account/preferences", { cookie: cookies.agent, body: { timeZone: null, locale: null, theme: "system" } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ timeZone: null, locale: null, theme: "system" });
    expect(cleared.headers.getSetCookie().find((c) => c.startsWith("hd_theme="))).toMatch(/^hd_theme=; Path=\/; Max-Age=0/);
    expect(await stored(org.agent.id)).toEqual({ timeZone: null, locale: null, theme: null });
    expect((await preferenceEvents(org.agent.id)).at(-1)!.data).toEqual({
      changes: { timeZone: { from: "Asia/Tokyo", to: null }, locale: { from: "fr-CA", to: null }, theme: { from: "dark", to: null } },
    });
  });

  it("refuses unknown zones and locales, other themes and other fields with a 400 JSON naming the field, and stores nothing", async () => {
    const before = await stored(org.requester.id);
    for (const [body, path] of [
      [{ timeZone: "Europe/Atlantis" }, "timeZone"],
      [{ timeZone: "" }, "timeZone"],
      [{ timeZone: "../../etc/passwd" }, "timeZone"],
      [{ timeZone: 42 }, "timeZone"],
      [{ timeZone: `Europe/${"x".repeat(80)}` }, "timeZone"],
      [{ locale: "xx-YY" }, "locale"],
      [{ locale: "en_US" }, "locale"],
      [{ locale: "<script>" }, "locale"],
      [{ theme: "blue" }, "theme"],
    ] as const) {
      const res = await callJson("PATCH", "/api/account/preferences", { cookie: cookies.requester, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(res.body.error.code).toBe("invalid");
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // Nothing to change, or a field that is not a preference (the role, another user's id): 400.
    for (const body of [{}, { role: "admin" }, { timeZone: "UTC", userId: org.admin.id }]) {
      expect((await callJson("PATCH", "/api/account/preferences", { cookie: cookies.requester, body })).status).toBe(400);
    }
    expect(await stored(org.requester.id)).toEqual(before);
    expect((await db().select({ role: users.role }).from(users).where(eq(users.id, org.requester.id)))[0]!.role).toBe("requester");
  });

  it("changes only the caller's own row: the other organization's people and the caller's colleagues keep theirs", async () => {
    const res = await callJson("PATCH", "/api/account/preferences", { cookie: cookies.otherAgent, body: { timeZone: "Pacific/Auckland" } });
    expect(res.status).toBe(200);
    expect((await stored(other.agent.id)).timeZone).toBe("Pacific/Auckland");
    for (const id of [org.admin.id, org.agent.id, org.requester.id, other.admin.id]) expect((await stored(id)).timeZone).not.toBe("Pacific/Auckland");
  });

  it("needs a session", async () => {
    expect((await callJson("PATCH", "/api/account/preferences", { body: { timeZone: "UTC" } })).status).toBe(401);
    expect((await callJson("GET", "/api/account/preferences")).status).toBe(401);
  });
});

describe("the effective time zone and locale", () => {
  it("comes from the person, else the organization, else the browser's cookie and Accept-Language, else UTC/en-GB", async () => {
    const person = await createUser(org.id, org.slug, "prefs-order", "agent");
    const cookie = await signIn(person);
    const browser = { "accept-language": "de-CH,de;q=0.9,en;q=0.5" };
    const get = (extraCookie = "") =>
      callJson("GET", "/api/account/preferences", { cookie: `${cookie}${extraCookie}`, headers: browser }).then((r) => r.body.effective);

    // Nothing chosen anywhere: the browser's zone cookie and language.
    expect(await get("; hd_tz=America%2FNew_York")).toMatchObject({
      timeZone: "America/New_York",
      locale: "de-CH",
      sources: { timeZone: "browser", locale: "browser" },
    });
    // A forged or unknown zone cookie is ignored, not trusted: the fallback.
    expect(await get("; hd_tz=Mars%2FOlympus")).toMatchObject({ timeZone: "UTC", sources: { timeZone: "fallback" } });
    expect(await get("; hd_tz=%E0%A4%A")).toMatchObject({ timeZone: "UTC" });

    await db().update(organizations).set({ defaultTimeZone: "Europe/Lisbon", defaultLocale: "pt-BR" }).where(eq(organizations.id, org.id));
    try {
      expect(await get("; hd_tz=America%2FNew_York")).toMatchObject({
        timeZone: "Europe/Lisbon",
        locale: "pt-BR",
        sources: { timeZone: "organization", locale: "organization" },
      });
      await callJson("PATCH", "/api/account/preferences", { cookie, body: { timeZone: "Asia/Kolkata" } });
      expect(await get("; hd_tz=America%2FNew_York")).toMatchObject({
        timeZone: "Asia/Kolkata",
        locale: "pt-BR",
        sources: { timeZone: "user", locale: "organization" },
      });
    } finally {
      await db().update(organizations).set({ defaultTimeZone: null, defaultLocale: null }).where(eq(organizations.id, org.id));
    }
  });

  it("words one instant in each reader's own zone and locale, read from their real sessions", async () => {
    const [berlin, seattle] = await Promise.all([
      createUser(org.id, org.slug, "prefs-berlin", "agent"),
      createUser(org.id, org.slug, "prefs-seattle", "requester"),
    ]);
    const [berlinCookie, seattleCookie] = await Promise.all([signIn(berlin), signIn(seattle)]);
    expect((await callJson("PATCH", "/api/account/preferences", { cookie: berlinCookie, body: { timeZone: "Europe/Berlin", locale: "de-DE" } })).status).toBe(
      200,
    );
    expect(
      (await callJson("PATCH", "/api/account/preferences", { cookie: seattleCookie, body: { timeZone: "America/Los_Angeles", locale: "en-US" } })).status,
    ).toBe(200);

    const instant = "2026-07-01T12:30:00.000Z";
    const now = new Date("2026-07-01T15:30:00.000Z");
    const rendered = async (cookie: string) => {
      // What a page does for <TimeStamp> (components/time/page-time-prefs.ts): the actor of the request's
      // session, its stored preferences, then the browser's.
      const headers = new Headers({ cookie, "accept-language": "ja-JP" });
      const actor = await getActor(headers);
      const words = timeWords(instant, now, timePrefsFor(actor, browserPrefsFrom(headers)));
      return renderToStaticMarkup(createElement(TimeText, { words, mode: "both" }));
    };
    const [inBerlin, inSeattle] = await Promise.all([rendered(berlinCookie), rendered(seattleCookie)]);
    // The machine-readable value is the same instant, in UTC, for both.
    expect(inBerlin).toContain(`dateTime="${instant}"`);
    expect(inSeattle).toContain(`dateTime="${instant}"`);
    // 12:30 UTC is 14:30 summer time in Berlin, written the German way, and 5:30 AM in Seattle.
    expect(inBerlin).toContain("1. Juli 2026, 14:30 MESZ");
    expect(inBerlin).toContain("vor 3 Std.");
    expect(inSeattle).toContain("Jul 1, 2026, 05:30 AM PDT");
    expect(inSeattle).toContain("3 hr. ago");
    // The absolute time is the tooltip in both.
    expect(inBerlin).toMatch(/title="1\. Juli 2026, 14:30 MESZ"/);
    expect(inSeattle).toMatch(/title="Jul 1, 2026, 05:30 AM PDT"/);
  });
});
