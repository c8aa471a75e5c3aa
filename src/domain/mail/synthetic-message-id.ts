import { createHash } from "node:crypto";

/**
 * The Message-ID a mail without one is stored under (issue 12): derived from its bytes, so the same mail
 * delivered twice is still one row. Same spelling as real ones (message-id.ts).
 */
export function syntheticMessageId(raw: Uint8Array): string {
  return `<sha256-${createHash("sha256").update(raw).digest("hex")}@no-message-id.invalid>`;
}
