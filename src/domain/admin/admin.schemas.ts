import { z } from "zod";
import { ROLES } from "@/db/schema/enums";

export const ZUpdateOrganizationSettings = z
  .object({ mfaRequired: z.boolean().optional(), name: z.string().trim().min(1).max(120).optional() })
  .strict()
  .refine((v) => v.mfaRequired !== undefined || v.name !== undefined, { message: "Nothing to update" });
export type TUpdateOrganizationSettings = z.infer<typeof ZUpdateOrganizationSettings>;

export const ZUpdateUser = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Nothing to update" });
export type TUpdateUser = z.infer<typeof ZUpdateUser>;
