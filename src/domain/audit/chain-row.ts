// One streamed audit event as the verifier checks it (S12, issue 15): its canonical JSON written straight from
// COPY's column text (canonicalRow), its time as ISO text (isoTime) and the seal of a redacted event
// (sealOfRow). These are the defining, string-based forms; chain-batch.ts writes the same bytes from the raw
// line for the common rows and falls back to these for every other. Pure: worker threads load this module.
import { hash as digest } from "node:crypto";
import { canonicalJson } from "../../db/audit-chain/hash";
import { canonicalFromJsonbText } from "../../db/audit-chain/jsonb-canonical";
import type { ChainRow } from "../../db/audit-chain/unsafe-audit-chain";

const json = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/**
 * The canonical JSON of a streamed row: canonicalEvent() of the parsed row, byte for byte. `orgText` is the
 * organization id as PostgreSQL writes a uuid; `createdAtIso` the row's time in ISO form.
 */
export function canonicalRow(row: ChainRow, orgText: string, createdAtIso: string): string {
  const [seq, actorId, action, targetType, targetId, dataText, ip, userAgent] = row;
  // jsonb text straight to canonical JSON; what the fast path will not copy as written goes through JSON.parse.
  const data = canonicalFromJsonbText(dataText) ?? canonicalJson(JSON.parse(dataText));
  return (
    `{"action":${JSON.stringify(action)},"actorId":${json(actorId)},"createdAt":"${createdAtIso}","data":${data},"ip":${json(ip)},` +
    `"organizationId":"${orgText}","seq":${Number(seq)},"targetId":${json(targetId)},"targetType":${JSON.stringify(targetType)},"userAgent":${json(userAgent)}}`
  );
}

/**
 * The event time PostgreSQL sends (ISO style, UTC: "2026-01-01 09:30:00.123456+00") as Date.toISOString()
 * writes the Date the driver would make of it: milliseconds, truncated. The common form is cut and padded;
 * anything else (another year width, BC) goes through Date, as the driver's mapping did.
 */
export function isoTime(text: string): string {
  const c = text.charCodeAt(0);
  if (text.length >= 22 && c >= 49 && c <= 57 && text[10] === " " && text.endsWith("+00") && (text.length === 22 || text[19] === ".")) {
    const ms = text.length === 22 ? "000" : `${text.slice(20, Math.min(23, text.length - 3))}00`.slice(0, 3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms}Z`;
  }
  return new Date(text).toISOString();
}

/** Whether event time `a` is earlier than `b` (both from isoTime): as text when both have the fixed width. */
export function earlier(a: string, b: string): boolean {
  return a.length === 24 && b.length === 24 ? a < b : Date.parse(a) < Date.parse(b);
}

/**
 * The seal of a redacted event (issue 14): SHA-256 over its stored columns as streamed, each written as
 * "<UTF-8 octets>:<text>\n" ("-\n" for NULL) after a version line — audit_seal() of migration 0027, which
 * the database computed when it redacted the event and recorded in the chained "person.erased" event.
 */
export function sealOfRow(row: ChainRow): string {
  let text = "helpdesk.audit.seal.v1\n";
  for (const f of row) text += f === null ? "-\n" : `${Buffer.byteLength(f, "utf8")}:${f}\n`;
  return digest("sha256", text, "hex");
}
