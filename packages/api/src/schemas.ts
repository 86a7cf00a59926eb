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
