// Secrets that must wait in the database for a short while — the token inside an invite or password-reset
// e-mail queued in the outbox (issue 12) — are kept sealed: AES-256-GCM under a key derived from the auth
// secret for this purpose only. A read of the outbox table yields no usable link; tampering is detected.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./derived-key";

const PURPOSE = "sealed-outbox-secret";

/** "v1.<iv>.<ciphertext>.<tag>", base64url parts. `context` is bound in (AAD): a sealed value moved elsewhere does not open. */
export function seal(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(PURPOSE), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The sealed value, or null when it was altered, sealed for another context, or under another secret. */
export function unseal(sealed: string, context: string): string | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== "v1" || !iv || body === undefined || !tag || extra !== undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey(PURPOSE), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
