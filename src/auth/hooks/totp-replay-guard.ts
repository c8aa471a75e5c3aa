// S2: a TOTP code is accepted once. The library accepts the same code again for as long as it is valid
// (up to ~90 s with its one-step window), so a shoulder-surfed or phished code could be replayed.
// Before verification the code is claimed atomically for its user; a failed verification releases the
// claim so a typo does not burn a code.
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { and, eq, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { usedTotpCodes } from "@/db/schema";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { clientIp } from "../client-ip";
import { pendingOrSessionUserId, type HookCtx, endpointFailed } from "./auth-user";

const PATH = "/two-factor/verify-totp";
const CLAIM_TTL_MS = 120_000;

const codeHash = (userId: string, code: string) => createHash("sha256").update(`${userId}:${code}`).digest("hex");

async function claim(userId: string, code: string): Promise<boolean> {
  const at = now();
  await db().delete(usedTotpCodes).where(lt(usedTotpCodes.expiresAt, at));
  const rows = await db()
    .insert(usedTotpCodes)
    .values({ userId, codeHash: codeHash(userId, code), expiresAt: new Date(at.getTime() + CLAIM_TTL_MS) })
    .onConflictDoNothing()
    .returning({ userId: usedTotpCodes.userId });
  return rows.length === 1;
}

async function release(userId: string, code: string): Promise<void> {
  await db()
    .delete(usedTotpCodes)
    .where(and(eq(usedTotpCodes.userId, userId), eq(usedTotpCodes.codeHash, codeHash(userId, code))));
}

const codeOf = (body: unknown) => String((body as { code?: unknown } | undefined)?.code ?? "");

export const totpReplayBefore = async (ctx: HookCtx) => {
  if (ctx.path !== PATH) return;
  const code = codeOf(ctx.body);
  if (!/^\d{6,8}$/.test(code)) return;
  const userId = await pendingOrSessionUserId(ctx);
  if (!userId) return;
  if (await claim(userId, code)) return;
  logger.warn({ event: "security.totp_replay", userId, ip: ctx.headers ? clientIp(ctx.headers) : null }, "TOTP code reuse refused");
  throw new APIError("UNAUTHORIZED", { code: "TOTP_ALREADY_USED", message: "This code was already used. Wait for the next one." });
};

export const totpReplayAfter = async (ctx: HookCtx) => {
  if (ctx.path !== PATH) return;
  if (!endpointFailed(ctx)) return;
  const code = codeOf(ctx.body);
  const userId = await pendingOrSessionUserId(ctx);
  if (userId && code) await release(userId, code);
};
