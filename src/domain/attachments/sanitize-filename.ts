// The display name of an upload (S11). Only ever shown and sent back in Content-Disposition; storage uses a
// random key. Path parts, control and bidi characters, and shell/HTML specials are removed.
const MAX = 120;

export function sanitizeFilename(raw: string): string {
  const base = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  let name = base
    // Control characters and bidi overrides (a "gnp.exe" that displays as "exe.png").
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[^\p{L}\p{N} ._()\-+,]/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/_{2,}/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (name.length > MAX) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX - ext.length).trimEnd() + ext;
  }
  return name || "file";
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266), safe for any sanitised name. */
export function contentDisposition(kind: "attachment" | "inline", filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
