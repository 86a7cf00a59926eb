/** Input schemas of staff accounts, shared with the console's forms. Browser-safe: zod only. */
import { z } from "zod";

/** Staff logins: lower-case letters, digits, dot, dash, underscore; never a family's code. */
const ZStaffLogin = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Le nom d'utilisateur doit contenir au moins 3 caractères.")
  .max(32, "Le nom d'utilisateur doit contenir au plus 32 caractères.")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Le nom d'utilisateur ne peut contenir que des lettres sans accent, des chiffres, des points, des tirets et des tirets bas.",
  )
  .refine(
    (v) => !/^f\d{5,}$/.test(v),
    "Ce nom d'utilisateur ressemble à un identifiant de famille (F00123) : choisissez-en un autre.",
  );

export const ZCreateStaffAccountSchema = z.object({
  login: ZStaffLogin,
  displayName: z
    .string()
    .trim()
    .min(1, "Le nom est obligatoire.")
    .max(80, "Le nom doit contenir au plus 80 caractères."),
  email: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .max(254, "Adresse e-mail trop longue.")
      .pipe(z.email("Adresse e-mail invalide (exemple : prenom.nom@albertville.fr).")),
  ]),
  role: z.enum(["agent", "admin"], { error: "Choisissez le rôle : agent ou administrateur." }),
});
export type TCreateStaffAccountInput = z.infer<typeof ZCreateStaffAccountSchema>;

export const ZSetStaffAccountDisabledSchema = z.object({
  userId: z.number().int().positive(),
  disabled: z.boolean(),
});
