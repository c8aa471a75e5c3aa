// Download tokens: 256 random bits, handed out once, stored only as their SHA-256. The token is the
// capability; it is also bound to the user and organization it was issued to (checked in scoped()).
import { createHash, randomBytes } from "node:crypto";

export function newDownloadToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashDownloadToken(token) };
}

export function hashDownloadToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Anything that is not 43 base64url characters cannot be one of ours. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
