/**
 * The input schemas shared by the server and the apps' forms: one definition, one set of French
 * messages. Browser-safe: no server code here.
 */
import { z } from "zod";
import { fr } from "zod/locales";

z.config(fr());

const required = (label: string) => `${label} est obligatoire.`;

export const ZLoginSchema = z.object({
  login: z.string().trim().min(1, required("L'identifiant")).max(64, "Identifiant trop long."),
  password: z.string().min(1, required("Le mot de passe")).max(256, "Mot de passe trop long."),
  /** Which door: the parents' portal or the staff console. */
  audience: z.enum(["parent", "staff"]),
});
export type TLoginInput = z.infer<typeof ZLoginSchema>;

/** Password rule: 12 characters or more (a sentence is easier to remember than symbols). */
export const ZNewPasswordSchema = z
  .string()
  .min(12, "Le mot de passe doit contenir au moins 12 caractères.")
  .max(128, "Le mot de passe doit contenir au plus 128 caractères.");

export const ZChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, required("Le mot de passe actuel")).max(256),
    newPassword: ZNewPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Les deux mots de passe ne sont pas identiques.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Le nouveau mot de passe doit être différent de l'actuel.",
  });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordSchema>;

export const ZRequestResetSchema = z.object({
  login: z.string().trim().min(1, required("L'identifiant")).max(64, "Identifiant trop long."),
  audience: z.enum(["parent", "staff"]),
});

export const ZCompleteResetSchema = z
  .object({
    token: z.string().min(1, "Ce lien n'est pas valide.").max(128, "Ce lien n'est pas valide."),
    newPassword: ZNewPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });

export const ZHouseholdIdSchema = z.object({
  householdId: z.number().int().positive(),
});

export const ZHouseholdSearchSchema = z.object({
  q: z.string().trim().min(2, "Saisissez au moins 2 caractères.").max(64, "Recherche trop longue."),
});

export { z };

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date invalide.");
const ZId = z.number().int().positive();

export const ZMonthSchema = z.object({
  householdId: ZId,
  /** None: the current month — or the next one when nothing in the current one can still change. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Mois invalide.")
    .optional(),
});

/** "Valider": the wanted state of each ticked or unticked box. */
export const ZApplyChangesSchema = z.object({
  householdId: ZId,
  version: z.number().int().min(0),
  changes: z
    .array(z.object({ childId: ZId, activityId: ZId, date: ZDay, want: z.boolean() }))
    .min(1, "Aucun changement à valider.")
    .max(400, "Trop de changements d'un coup : validez mois par mois."),
});

/** "Semaine type": the same weekdays every week, from a day to a day. */
export const ZApplyPatternSchema = z
  .object({
    householdId: ZId,
    version: z.number().int().min(0),
    childId: ZId,
    activityId: ZId,
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, "Cochez au moins un jour de la semaine."),
    from: ZDay,
    to: ZDay,
  })
  .refine((v) => v.from <= v.to, {
    path: ["to"],
    message: "La date de fin doit suivre la date de début.",
  })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 200 * 86_400_000, {
    path: ["to"],
    message: "Choisissez une période de moins de 200 jours.",
  });

export const ZBasketSchema = z.object({ householdId: ZId });
export const ZBasketVersionSchema = z.object({
  householdId: ZId,
  version: z.number().int().min(0),
});
export const ZConfirmBasketSchema = z.object({
  householdId: ZId,
  basketId: ZId,
  version: z.number().int().min(0),
});

export const ZRegistrationOptionsSchema = z.object({ householdId: ZId, childId: ZId });
export const ZCreateRegistrationSchema = z.object({
  householdId: ZId,
  childId: ZId,
  activityId: z
    .number({ error: "Choisissez une activité." })
    .int()
    .positive("Choisissez une activité."),
});

export const ZDecideRegistrationSchema = z
  .object({
    registrationId: ZId,
    decision: z.enum(["validate", "refuse"]),
    reason: z.string().trim().max(500, "500 caractères au plus.").optional(),
  })
  .refine((v) => v.decision === "validate" || (v.reason && v.reason.length >= 3), {
    path: ["reason"],
    message: "Indiquez le motif du refus : la famille le recevra par e-mail.",
  });

export const ZStartPaymentSchema = z.object({
  householdId: ZId,
  basketId: ZId,
  version: z.number().int().min(0),
});
export const ZPaymentStatusSchema = z.object({ householdId: ZId, paymentId: ZId });

/** "Inscriptions en paiement" → "Valider": the wanted state of each ticked activity × child. */
export const ZSetPaidItemsSchema = z.object({
  householdId: ZId,
  version: z.number().int().min(0),
  items: z
    .array(
      z.object({
        childId: ZId,
        activityId: ZId,
        groupId: ZId.nullable(),
        sessionId: ZId.nullable(),
        want: z.boolean(),
      }),
    )
    .min(1, "Cochez au moins une activité.")
    .max(50, "Trop d'inscriptions d'un coup."),
});

export const ZJoinWaitingListSchema = z.object({
  householdId: ZId,
  childId: ZId,
  activityId: ZId,
  date: ZDay.nullable(),
  groupId: ZId.nullable(),
  sessionId: ZId.nullable(),
});
export const ZLeaveWaitingListSchema = z.object({ householdId: ZId, entryId: ZId });
export { paidItemKey, tickPaidItem } from "@ef/core";
export * from "./absences/absences.schemas";
export * from "./admin/audit/audit.schemas";
export * from "./admin/catalogue/catalogue.schemas";
export * from "./admin/content/content.schemas";
export * from "./admin/seasons/seasons.schemas";
export * from "./admin/staff-accounts/staff-accounts.schemas";
export * from "./billing/billing.schemas";
export * from "./dossier/dossier.schemas";
export * from "./staff/attendance/attendance.schemas";
export * from "./staff/desk/desk.schemas";
export * from "./staff/households/desk.schemas";
export * from "./staff/mail/mail.schemas";
export * from "./staff/payments/payments.schemas";
