// Signed, expiring download links for exports (S18). The signature binds the export, the user who asked
// for the link and the expiry; the download route also requires that user's session in the export's
// organization, so a leaked link is useless to anyone else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/derived-key";
import { now } from "@/lib/clock";

export const EXPORT_LINK_TTL_SECONDS = 300;

function sign(exportId: string, userId: string, expires: number): string {
  return createHmac("sha256", derivedKey("export-links")).update(`${exportId}.${userId}.${expires}`).digest("hex");
}

export function exportDownloadLink(exportId: string, userId: string): { url: string; expiresAt: string } {
  const expires = Math.floor(now().getTime() / 1000) + EXPORT_LINK_TTL_SECONDS;
  return {
    url: `/api/exports/${exportId}/download?expires=${expires}&sig=${sign(exportId, userId, expires)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

export function exportLinkValid(exportId: string, userId: string, expires: number, sig: string): { valid: boolean; expired: boolean } {
  const expected = Buffer.from(sign(exportId, userId, expires), "hex");
  const given = Buffer.from(sig, "hex");
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  return { valid, expired: valid && expires * 1000 < now().getTime() };
}
