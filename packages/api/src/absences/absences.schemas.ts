import { z } from "zod";

/** Absences: the statuses and their French words, as the family and the agent read them. */
export const absenceStatusValues = ["pending", "accepted", "refused"] as const;
export type TAbsenceStatus = (typeof absenceStatusValues)[number];

export const absenceStatusLabels: Record<TAbsenceStatus, string> = {
  pending: "En attente de vérification",
  accepted: "Justifiée",
  refused: "Refusée",
};

const ZId = z.number().int().positive();

/**
 * "Signaler une absence": the child, the day and the reason. The certificate travels beside these
 * fields (see `absences.declare`); the form checks its type and size in the browser.
 */
export const ZDeclareAbsenceFormSchema = z.object({
  childId: z.number({ error: "Choisissez un enfant." }).int().positive("Choisissez un enfant."),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choisissez le jour de l'absence."),
  reason: z
    .string()
    .trim()
    .min(1, "Indiquez le motif de l'absence.")
    .max(300, "300 caractères au plus."),
});
export type TDeclareAbsenceForm = z.input<typeof ZDeclareAbsenceFormSchema>;

/** The agent's decision: a refusal says why (the family reads it in the mail). */
export const ZDecideAbsenceSchema = z
  .object({
    absenceId: ZId,
    decision: z.enum(["accept", "refuse"]),
    reason: z
      .string()
      .trim()
      .max(500, "500 caractères au plus.")
      .optional()
      .transform((v) => v || undefined),
  })
  .refine((v) => v.decision === "accept" || (v.reason?.length ?? 0) >= 3, {
    path: ["reason"],
    message: "Indiquez le motif du refus : la famille le recevra par e-mail.",
  });
export type TDecideAbsence = z.input<typeof ZDecideAbsenceSchema>;

export const ZAbsenceIdSchema = z.object({ absenceId: ZId });
