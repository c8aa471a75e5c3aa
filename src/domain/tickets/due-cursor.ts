// Cursor of the queue in "due" order (S7): the position is (earliest running deadline, id); tickets
// without one sort last. Its own kind, so a cursor of the other order is refused, not misread.
import { z } from "zod";
import { zDbDateTime } from "@/domain/db-time";
import type { DueCursor } from "@/db/scoped/sla";
import { defineCursor } from "@/domain/pagination";

const dueCursor = defineCursor(
  "due",
  z.tuple([zDbDateTime().nullable(), z.uuid()]).transform(([at, id]) => ({ dueAt: at ? new Date(at) : null, id })),
);

export const encodeDueCursor = (c: DueCursor): string => dueCursor.encode([c.dueAt?.toISOString() ?? null, c.id]);
export const decodeDueCursor = (raw: string | undefined): DueCursor | undefined => dueCursor.decode(raw);
