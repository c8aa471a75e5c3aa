// Pages get their Actor through the same getActor() as API routes (DESIGN.md rule 1).
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { getActor } from "./get-actor";

/** The signed-in actor, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor(await headers());
  if (!actor) redirect("/app/sign-in");
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return getActor(await headers());
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
