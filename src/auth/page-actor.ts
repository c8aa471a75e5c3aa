// Pages get their Actor through the same getActor() as API routes (DESIGN.md rule 1).
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import { mustEnrolMfa, type Actor } from "./actor";
import { getActor } from "./get-actor";

/** Where users go while their organization requires MFA they have not set up (S2). */
export const MFA_ENROL_PATH = "/app/account/security?mfa=required";

// The layout and the page of one request both need the actor: cache() makes that one session read per
// request (React scopes the cache to the request, so nothing is shared between users).
const readActor = cache(async (): Promise<Actor | null> => getActor(await headers()));

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
