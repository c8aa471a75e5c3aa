// age keys as operators keep them: recipients (`age1…` public keys, comma- or space-separated) and
// identity files as `age-keygen` writes them (comment lines, then `AGE-SECRET-KEY-1…`).
import { readFile } from "node:fs/promises";
import { Invalid } from "@/lib/errors";

export function parseRecipients(text: string | undefined): string[] {
  const list = (text ?? "").split(/[\s,]+/).filter(Boolean);
  for (const r of list) if (!/^age1[0-9a-z]+$/.test(r)) throw Invalid(`not an age recipient (public key): ${r.slice(0, 12)}…`);
  return list;
}

export function parseIdentities(text: string): string[] {
  const list = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  for (const i of list) if (!/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(i)) throw Invalid("the age identity is not an AGE-SECRET-KEY-1… line");
  return list;
}

/** --identity-file wins over BACKUP_AGE_IDENTITY; neither is fine for an archive that is not encrypted. */
export async function identitiesFrom(identityFile: string | undefined, envIdentity: string | undefined): Promise<string[]> {
  if (identityFile) return parseIdentities(await readFile(identityFile, "utf8"));
  return envIdentity ? parseIdentities(envIdentity) : [];
}
