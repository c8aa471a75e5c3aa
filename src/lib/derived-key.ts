import { createHash } from "node:crypto";
import { env } from "./env";

/**
 * A key for one purpose, derived from the auth secret, so that signatures made for one use (export
 * links, audit checkpoints) can never be replayed as another. Rotating BETTER_AUTH_SECRET rotates them.
 */
export function derivedKey(purpose: string): Buffer {
  return createHash("sha256").update(`helpdesk-${purpose}:${env().BETTER_AUTH_SECRET}`).digest();
}
