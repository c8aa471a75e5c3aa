// Secrets the app must use again later (issue 12: a mailbox's IMAP password), stored encrypted:
// AES-256-GCM with a key from the environment (MAIL_CREDENTIALS_KEY, else derived from BETTER_AUTH_SECRET
// for this purpose only) and the owning row named as associated data, so a ciphertext copied to another
// row or organization does not decrypt. A database dump alone yields no password.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { derivedKey } from "./derived-key";
import { env } from "./env";

const VERSION = "v1";

function key(): Buffer {
  const configured = env().MAIL_CREDENTIALS_KEY;
  return configured ? createHash("sha256").update(`helpdesk-mail-credentials:${configured}`).digest() : derivedKey("mail-credentials");
}

/** `v1:<iv>.<tag>.<ciphertext>` (base64url). `context` binds it to its row, e.g. "mailbox:<org>:<id>". */
export function sealSecret(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${[iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".")}`;
}

export class SecretUnreadable extends Error {
  constructor() {
    super("the stored secret cannot be decrypted with the current key");
    this.name = "SecretUnreadable";
  }
}

export function openSecret(sealed: string, context: string): string {
  const [version, rest] = sealed.split(":", 2);
  const parts = rest?.split(".") ?? [];
  if (version !== VERSION || parts.length !== 3) throw new SecretUnreadable();
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadable();
  }
}
