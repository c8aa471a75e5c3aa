// How passwords are hashed and checked (S1, S3; NIST SP 800-63B 5.1.1.2): the password is normalised to
// Unicode NFKC first, so the same password typed on another keyboard or input method — a precomposed
// "é" or "e" + combining accent, fullwidth letters from an East Asian IME — is the same password. The
// policy already judges that form (password-normalise.ts). The library's scrypt does the rest.
//
// Hashes made before (of the password as typed) keep working: when normalising changes the input, the
// check also tries it as typed. So that this second check says nothing about whether an account exists
// (the library hashes once for an unknown address), hashing does the same second round whenever
// normalising changes the input.
import { hashPassword as scryptHash, verifyPassword as scryptVerify } from "better-auth/crypto";

export const normalisePassword = (password: string): string => password.normalize("NFKC");

export async function hashPassword(password: string): Promise<string> {
  const normalised = normalisePassword(password);
  const hash = await scryptHash(normalised);
  if (normalised !== password) await scryptHash(password); // the same work as verify's second check
  return hash;
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const normalised = normalisePassword(password);
  const matches = await scryptVerify({ hash, password: normalised });
  if (normalised === password) return matches;
  const asTyped = await scryptVerify({ hash, password });
  return matches || asTyped;
}
