import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";
import { contentDisposition } from "@/domain/attachments/sanitize-filename";
import { downloadAttachment } from "@/domain/attachments/download-attachment";
import { route } from "@/http/route";

const ZDownloadQuery = z.object({ token: zSingleLine().max(100), inline: z.enum(["1"]).optional() });

// The file for a download token. The session must be the one the token was issued to; the response can
// neither render as a page nor run anything (attachment, nosniff, a sandboxing CSP, no caching).
export const GET = route({ name: "attachments.download", query: ZDownloadQuery }, async ({ actor, query }) => {
  const file = await downloadAttachment(actor, query.token, { inline: query.inline === "1" });
  const type = file.mimeType === "text/plain" ? "text/plain; charset=utf-8" : file.mimeType;
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "content-type": type,
      "content-length": String(file.bytes.length),
      "content-disposition": contentDisposition(file.disposition, file.filename),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "cross-origin-resource-policy": "same-origin",
    },
  });
});
