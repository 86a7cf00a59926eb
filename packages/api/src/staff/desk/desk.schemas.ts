import { z } from "zod";

/**
 * At the desk: an agent books, cancels and registers for a family through the family's own
 * panier. Browser-safe (the console validates with these very schemas).
 */
const ZDeskDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date invalide.");
const ZDeskId = z.number().int().positive();

/** Why an agent passes a deadline or a full day: kept in the audit log. */
export const ZDeskReasonSchema = z
  .string({ error: "Indiquez le motif du dépassement." })
  .trim()
  .min(3, "Indiquez le motif du dépassement (3 caractères au moins).")
  .max(500, "500 caractères au plus.");

export const ZDeskOverrideSchema = z.object({ reason: ZDeskReasonSchema });

/** "Valider" at the desk: the parent's changes, and the override's reason when one is needed. */
export const ZDeskSetDaysSchema = z.object({
  householdId: ZDeskId,
  version: z.number().int().min(0),
  changes: z
    .array(z.object({ childId: ZDeskId, activityId: ZDeskId, date: ZDeskDay, want: z.boolean() }))
    .min(1, "Aucun changement à valider.")
    .max(400, "Trop de changements d'un coup : validez mois par mois."),
  override: ZDeskOverrideSchema.optional(),
});
export type TDeskSetDaysInput = z.infer<typeof ZDeskSetDaysSchema>;

/** How the family paid the days to pay at the guichet. */
export const deskPaymentMethods = ["especes", "cheque", "cesu"] as const;
export const deskPaymentMethodLabels: Record<(typeof deskPaymentMethods)[number], string> = {
  especes: "Espèces",
  cheque: "Chèque",
  cesu: "CESU",
};

export const ZDeskPaymentSchema = z.object({
  method: z.enum(deskPaymentMethods, { error: "Choisissez le mode de règlement." }),
  /** Cheque number, CESU references… (optional for cash). */
  reference: z.string().trim().max(100, "100 caractères au plus."),
});

/** "Terminer" at the desk. */
export const ZDeskConfirmSchema = z.object({
  householdId: ZDeskId,
  basketId: ZDeskId,
  version: z.number().int().min(0),
  override: ZDeskOverrideSchema.optional(),
  deskPayment: ZDeskPaymentSchema.optional(),
});
export type TDeskConfirmInput = z.infer<typeof ZDeskConfirmSchema>;

/**
 * "Valider" of "Inscriptions en paiement" at the desk: the parents' items (EMS group or Territoire
 * Jeune session), and the reason when a group or session is full.
 */
export const ZDeskSetPaidItemsSchema = z.object({
  householdId: ZDeskId,
  version: z.number().int().min(0),
  items: z
    .array(
      z.object({
        childId: ZDeskId,
        activityId: ZDeskId,
        groupId: ZDeskId.nullable(),
        sessionId: ZDeskId.nullable(),
        want: z.boolean(),
      }),
    )
    .min(1, "Cochez au moins une activité.")
    .max(50, "Trop d'inscriptions d'un coup."),
  override: ZDeskOverrideSchema.optional(),
});
export type TDeskSetPaidItemsInput = z.infer<typeof ZDeskSetPaidItemsSchema>;

/** Ends a child's registration to a planning activity (périscolaire, accueil de loisirs). */
export const ZDeskCancelRegistrationSchema = z.object({
  householdId: ZDeskId,
  registrationId: ZDeskId,
  reason: z
    .string({ error: "Indiquez le motif de l'annulation." })
    .trim()
    .min(3, "Indiquez le motif de l'annulation (3 caractères au moins).")
    .max(500, "500 caractères au plus."),
});
