import { z } from "zod";
import { zMultiLine, zSingleLine } from "@/lib/text-input";
import { ZId, ZTicketPriority, ZTicketStatus } from "@/domain/tickets/tickets.schemas";
import { MACRO_BODY_MAX, MACRO_NAME_MAX } from "./macro-limits";

/** What applying a macro sets. Absent: unchanged; null: cleared; "me": whoever applies it. */
export const ZMacroChanges = z
  .object({
    status: ZTicketStatus.optional(),
    priority: ZTicketPriority.optional(),
    assigneeId: z
      .union([z.literal("me"), ZId])
      .nullable()
      .optional(),
    teamId: ZId.nullable().optional(),
  })
  .strict();
export type TMacroChanges = z.infer<typeof ZMacroChanges>;

const name = zSingleLine().trim().min(1).max(MACRO_NAME_MAX);
const bodyMd = zMultiLine().trim().min(1).max(MACRO_BODY_MAX);

export const ZCreateMacro = z
  .object({
    name,
    bodyMd,
    /** Shared with the organization (admins) or personal to the caller (the default). */
    shared: z.boolean().default(false),
    changes: ZMacroChanges.default({}),
  })
  .strict();
export type TCreateMacro = z.infer<typeof ZCreateMacro>;

/** Name, body and changes; whether a macro is shared or personal is fixed when it is created. */
export const ZUpdateMacro = z
  .object({ name: name.optional(), bodyMd: bodyMd.optional(), changes: ZMacroChanges.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.bodyMd !== undefined || v.changes !== undefined, { message: "Nothing to update" });
export type TUpdateMacro = z.infer<typeof ZUpdateMacro>;
