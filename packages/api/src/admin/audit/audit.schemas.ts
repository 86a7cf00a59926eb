/** Filters of the audit log, shared with the console's form. Browser-safe: zod only. */
import { z } from "zod";

export const AUDIT_PAGE_SIZE = 50;

export const ZAuditListSchema = z.object({
  /** A household's account code (F00123), or "" for every household. */
  household: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (v) => v === "" || /^F\d{5,}$/.test(v),
      "Identifiant de foyer invalide (exemple : F00123).",
    ),
  /** A staff member's id, or null for everyone. */
  actorUserId: z.number().int().positive().nullable(),
  /** The page after this line (the lines are newest first). */
  before: z.number().int().positive().nullable(),
});
export type TAuditListInput = z.infer<typeof ZAuditListSchema>;
