// A DKIM check (RFC 6376, rsa-sha256, relaxed or simple canonicalization) written from the RFC, so that
// tests verify what nodemailer signed with an independent implementation — the receiver's view — and a
// test key pair generated per run (no key in the repository).
import { createHash, generateKeyPairSync, verify, type KeyObject } from "node:crypto";

export function testDkimKeys(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
}

type Header = { name: string; raw: string };

function splitMessage(raw: string): { headers: Header[]; body: string } {
  const normalized = raw.replace(/\r?\n/g, "\r\n");
  const end = normalized.indexOf("\r\n\r\n");
  const head = end >= 0 ? normalized.slice(0, end + 2) : normalized;
  const body = end >= 0 ? normalized.slice(end + 4) : "";
  const headers: Header[] = [];
  for (const line of head.split(/\r\n(?![ \t])/)) {
    if (!line) continue;
    const colon = line.indexOf(":");
    headers.push({ name: line.slice(0, colon).trim().toLowerCase(), raw: line.endsWith("\r\n") ? line : `${line}\r\n` });
  }
  return { headers, body };
}

function relaxedHeader(h: Header): string {
  const colon = h.raw.indexOf(":");
  const value = h.raw
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
  return `${h.name}:${value}\r\n`;
}

function canonicalBody(body: string, mode: string): string {
  let lines = body.split("\r\n");
  if (mode === "relaxed") lines = lines.map((l) => l.replace(/[ \t]+/g, " ").replace(/ +$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? (mode === "relaxed" ? "" : "\r\n") : `${lines.join("\r\n")}\r\n`;
}

export interface DkimResult {
  ok: boolean;
  reason?: string;
  tags?: Record<string, string>;
}

/** Verifies the first DKIM-Signature of a raw message with the given public key. */
export function verifyDkim(raw: string, publicKey: KeyObject): DkimResult {
  const { headers, body } = splitMessage(raw);
  const sigHeader = headers.find((h) => h.name === "dkim-signature");
  if (!sigHeader) return { ok: false, reason: "no DKIM-Signature" };
  const tagText = sigHeader.raw.slice(sigHeader.raw.indexOf(":") + 1).replace(/\s+/g, "");
  const tags = Object.fromEntries(
    tagText
      .split(";")
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf("=")), t.slice(t.indexOf("=") + 1)]),
  );
  if (tags.a !== "rsa-sha256") return { ok: false, reason: `algorithm ${tags.a}`, tags };
  const [headerMode = "simple", bodyMode = "simple"] = (tags.c ?? "simple/simple").split("/");
  const bodyHash = createHash("sha256").update(canonicalBody(body, bodyMode)).digest("base64");
  if (bodyHash !== tags.bh) return { ok: false, reason: "body hash mismatch", tags };

  // Signed headers, each taken from the bottom up when a name repeats (RFC 6376 5.4.2).
  const used = new Map<string, number>();
  let data = "";
  for (const name of (tags.h ?? "").toLowerCase().split(":")) {
    const all = headers.filter((h) => h.name === name);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    const h = all[all.length - 1 - n];
    if (!h) continue;
    data += headerMode === "relaxed" ? relaxedHeader(h) : h.raw;
  }
  const withoutB = { name: sigHeader.name, raw: sigHeader.raw.replace(/(\bb=)[^;]*/, "$1") };
  data += (headerMode === "relaxed" ? relaxedHeader(withoutB) : withoutB.raw).replace(/\r\n$/, "");
  const ok = verify("sha256", Buffer.from(data), publicKey, Buffer.from(tags.b ?? "", "base64"));
  return ok ? { ok, tags } : { ok, reason: "signature mismatch", tags };
}
