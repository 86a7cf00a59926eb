import { z } from "zod";

/** How the guichet closes a payment flagged for refund. */
export const refundMethodValues = ["virement", "payfip", "cheque_tresor", "avoir"] as const;
export type TRefundMethod = (typeof refundMethodValues)[number];

export const refundMethodLabels: Record<TRefundMethod, string> = {
  virement: "Virement bancaire",
  payfip: "Remboursement PayFiP",
  cheque_tresor: "Chèque du Trésor public",
  avoir: "Avoir du foyer",
};

/**
 * "Enregistrer le remboursement": the way it was made and its reference (required for money sent
 * back); an avoir needs the family's agreement instead, the note being optional.
 */
export const ZRefundPaymentSchema = z
  .object({
    paymentId: z.number().int().positive(),
    method: z.enum(refundMethodValues, { error: "Choisissez le moyen de remboursement." }),
    reference: z.string().trim().max(100, "100 caractères au plus."),
    familyAgreed: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.method !== "avoir" && v.reference.length < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["reference"],
        message:
          "Indiquez la référence du remboursement (numéro de virement, de mandat ou de chèque), 3 caractères au moins.",
      });
    }
    if (v.method === "avoir" && !v.familyAgreed) {
      ctx.addIssue({
        code: "custom",
        path: ["familyAgreed"],
        message: "Un avoir remplace le remboursement seulement si la famille l'a accepté.",
      });
    }
  });
export type TRefundPayment = z.infer<typeof ZRefundPaymentSchema>;

/** The flagged payments, optionally of one household (its file). */
export const ZRefundListSchema = z.object({ householdId: z.number().int().positive().optional() });
