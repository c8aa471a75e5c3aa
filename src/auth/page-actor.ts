// Pages get their Actor through the same getActor() as API routes (DESIGN.md rule 1).
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { enforcePageLimits } from "@/http/rate-limit";
import { isAppError } from "@/lib/errors";
import { mustEnrolMfa, type Actor } from "./actor";
import { getActor } from "./get-actor";

/** Where users go while their organization requires MFA they have not set up (S2). */
export const MFA_ENROL_PATH = "/app/account/security?mfa=required";

/** Where a page request over its rate limit goes: a route that answers 429 with Retry-After. */
export const TOO_MANY_REQUESTS_PATH = "/app/too-many-requests";

// The layout and the page of one request both need the actor: cache() makes that one session read (and
// one rate-limit point) per request; React scopes the cache to the request, so nothing is shared between
// users. Pages spend the caller's API read budget (issue 9 item 8): after the API answers 429, the queue
// page does not run the same search either.
const readActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  const actor = await getActor(h);
  try {
    await enforcePageLimits(h, actor, "page");
  } catch (e) {
    if (isAppError(e) && e.kind === "rate_limited") {
      const retry = Number((e.details as { retryAfterSec?: number } | undefined)?.retryAfterSec ?? 60);
      redirect(`${TOO_MANY_REQUESTS_PATH}?retryAfter=${retry}`);
    }
    throw e;
  }
  return actor;
});

/** For public pages that do not need the actor (an invite link): the same limits, by address. */
export async function limitPublicPage(): Promise<void> {
  await readActor();
}

interface PageActorOptions {
  /** Reachable before a required MFA enrolment: only the account security page (and the layout around it). */
  allowWithoutMfa?: boolean;
}

/**
 * The signed-in actor, or a redirect to the sign-in page. While the organization requires MFA and the
 * user has none, every page except the ones that opt out redirects to account security, the same gate
 * the API applies with `mfa_required`.
 */
export async function requirePageActor(options: PageActorOptions = {}): Promise<Actor> {
  const actor = await readActor();
  if (!actor) redirect("/app/sign-in");
  if (!options.allowWithoutMfa && mustEnrolMfa(actor)) redirect(MFA_ENROL_PATH);
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return readActor();
}

/** Runs a domain call for a page; a NotFound (including another tenant's id) renders the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isAppError(e) && (e.kind === "not_found" || e.kind === "invalid")) notFound();
    throw e;
  }
}
