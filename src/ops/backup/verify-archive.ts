// Checks an unpacked archive before anything is restored (S23): the manifest's signature, then every part
// against its size and SHA-256, and that nothing is missing and nothing was added.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Invalid } from "@/lib/errors";
import { digestFile, MANIFEST, MANIFEST_SIGNATURE, manifestSignatureValid, type TManifest, ZManifest } from "./manifest";

const REFUSED = "the archive was refused and nothing was restored";

async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else out.push(rel);
  }
  return out;
}

export async function verifyUnpackedArchive(staging: string, unexpected: string[]): Promise<TManifest> {
  if (unexpected.length > 0) throw Invalid(`the archive holds entries a backup never writes (${unexpected.slice(0, 3).join(", ")}); ${REFUSED}`);
  const read = (name: string) => readFile(path.join(staging, name)).catch(() => null);
  const [manifestBytes, signature] = await Promise.all([read(MANIFEST), read(MANIFEST_SIGNATURE)]);
  if (!manifestBytes || !signature) throw Invalid(`the archive has no signed manifest (${MANIFEST}, ${MANIFEST_SIGNATURE}); ${REFUSED}`);
  if (!manifestSignatureValid(manifestBytes, signature.toString("utf8"))) {
    throw Invalid(
      `the manifest's signature does not match: it was edited, or the archive was made with another AUDIT_SIGNING_KEY/BETTER_AUTH_SECRET; ${REFUSED}`,
    );
  }
  let manifest: TManifest;
  try {
    manifest = ZManifest.parse(JSON.parse(manifestBytes.toString("utf8")));
  } catch {
    throw Invalid(`the manifest is not one this version reads; ${REFUSED}`);
  }
  const listed = new Set(manifest.parts.map((p) => p.path));
  const present = new Set((await filesUnder(staging)).filter((f) => f !== MANIFEST && f !== MANIFEST_SIGNATURE));
  const missing = [...listed].filter((p) => !present.has(p));
  if (missing.length > 0) throw Invalid(`parts listed in the manifest are missing (${missing.slice(0, 3).join(", ")}); ${REFUSED}`);
  const extra = [...present].filter((p) => !listed.has(p));
  if (extra.length > 0) throw Invalid(`the archive holds parts the manifest does not list (${extra.slice(0, 3).join(", ")}); ${REFUSED}`);
  for (const part of manifest.parts) {
    const actual = await digestFile(path.join(staging, part.path));
    if (actual.sha256 !== part.sha256 || actual.bytes !== part.bytes) throw Invalid(`${part.path} does not match its SHA-256 in the manifest; ${REFUSED}`);
  }
  return manifest;
}
