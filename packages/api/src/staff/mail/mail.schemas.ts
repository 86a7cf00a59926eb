/** Input schemas of a household's mail history. Browser-safe: zod only. */
import { z } from "zod";

const ZId = z.number().int().positive();

export const ZMailHistorySchema = z.object({ householdId: ZId });

export const ZResendMailSchema = z.object({ householdId: ZId, mailId: ZId });
