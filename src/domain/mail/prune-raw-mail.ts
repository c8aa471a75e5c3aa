// Raw mail is kept MAIL_RAW_RETENTION_DAYS for audit (issue 12), then its bytes go; the row (sender,
// subject, outcome, Message-ID) stays, so a late re-delivery is still recognised. Held mail waits for
// its decision however old it is.
import { unsafePruneRawMail } from "@/db/unsafe-mail";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

export async function pruneRawMail(): Promise<number> {
  const at = now();
  return unsafePruneRawMail(new Date(at.getTime() - env().MAIL_RAW_RETENTION_DAYS * 86_400_000), at);
}
