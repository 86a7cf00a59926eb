import { z } from "zod";

/** A month to invoice, `2026-11`. */
export const ZBillingMonthValueSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choisissez un mois (AAAA-MM).");

export const ZBillingMonthSchema = z.object({ month: ZBillingMonthValueSchema });
export type TBillingMonth = z.infer<typeof ZBillingMonthSchema>;

export const ZInvoiceIdSchema = z.object({ invoiceId: z.number().int().positive() });

/** At the guichet: cash, cheque, CESU, or the household's avoir. */
export const deskMethods = ["especes", "cheque", "cesu", "avoir"] as const;
export const settlementMethodLabels: Record<string, string> = {
  payfip: "Carte bancaire (PayFiP)",
  especes: "Espèces",
  cheque: "Chèque",
  cesu: "CESU",
  avoir: "Avoir du foyer",
};

/** A payment received at the guichet: amount in euros as typed ("12,50"), method, reference. */
export const ZRecordPaymentSchema = z
  .object({
    invoiceId: z.number().int().positive(),
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,6}([,.]\d{1,2})?$/, "Indiquez un montant en euros, par exemple 12,50."),
    method: z.enum(deskMethods, { error: "Choisissez le moyen de paiement." }),
    reference: z.string().trim().max(100, "100 caractères au plus."),
  })
  .superRefine((v, ctx) => {
    if ((v.method === "cheque" || v.method === "cesu") && v.reference.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["reference"],
        message:
          v.method === "cheque"
            ? "Indiquez le numéro du chèque."
            : "Indiquez les numéros des titres CESU.",
      });
    }
  });
export type TRecordPayment = z.infer<typeof ZRecordPaymentSchema>;

/** "12,50" → 1250 cents. */
export function centsOf(amount: string): number {
  const [euros, cents = ""] = amount.trim().replace(",", ".").split(".");
  return Number(euros) * 100 + Number(cents.padEnd(2, "0"));
}

export const ZInvoiceStatusSchema = z.enum(["unpaid", "paid"]);

export const ZInvoiceSummarySchema = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.enum(["facture", "avoir"]),
  month: z.string(),
  monthLabel: z.string(),
  issuedAt: z.string(),
  dueOn: z.string(),
  totalCents: z.number(),
  paidCents: z.number(),
  remainingCents: z.number(),
  status: ZInvoiceStatusSchema,
});
export type TInvoiceSummary = z.infer<typeof ZInvoiceSummarySchema>;

export const ZInvoiceLineSchema = z.object({
  id: z.number(),
  label: z.string(),
  date: z.string().nullable(),
  amountCents: z.number(),
  kind: z.enum(["day", "excused", "credit"]),
});

export const ZSettlementSchema = z.object({
  id: z.number(),
  invoiceId: z.number(),
  invoiceNumber: z.string(),
  amountCents: z.number(),
  method: z.string(),
  methodLabel: z.string(),
  reference: z.string(),
  recordedAt: z.string(),
});

export const ZPreviewHouseholdSchema = z.object({
  householdId: z.number(),
  accountCode: z.string(),
  name: z.string(),
  qfLabel: z.string(),
  days: z.number(),
  excused: z.number(),
  credits: z.number(),
  totalCents: z.number(),
  /** Credits beyond the days: a credit note (avoir) of this amount. */
  avoirCents: z.number(),
  lines: z.array(z.object({ label: z.string(), amountCents: z.number() })),
});

export const ZIssuedInvoiceSchema = ZInvoiceSummarySchema.extend({
  householdId: z.number(),
  accountCode: z.string(),
  householdName: z.string(),
});
