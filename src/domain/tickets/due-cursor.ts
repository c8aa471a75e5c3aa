// Cursor of the queue in "due" order (S7): the position is (earliest running deadline, id); tickets
// without one sort last. Prefixed so that a cursor of the other order is refused, not misread.
import { z } from "zod";
import type { DueCursor } from "@/db/scoped-sla";
import { Invalid } from "@/lib/errors";

const PREFIX = "d.";

export function encodeDueCursor(c: DueCursor): string {
  return PREFIX + Buffer.from(JSON.stringify([c.dueAt?.toISOString() ?? null, c.id])).toString("base64url");
}

export function decodeDueCursor(raw: string | undefined): DueCursor | undefined {
  if (!raw) return undefined;
  try {
    if (!raw.startsWith(PREFIX)) throw new Error("not a due cursor");
    const [dueAt, id] = z.tuple([z.iso.datetime().nullable(), z.uuid()]).parse(JSON.parse(Buffer.from(raw.slice(PREFIX.length), "base64url").toString("utf8")));
    return { dueAt: dueAt ? new Date(dueAt) : null, id };
  } catch {
    throw Invalid("Invalid cursor");
  }
}
