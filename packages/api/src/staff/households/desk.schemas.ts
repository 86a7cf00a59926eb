/**
 * Input schemas of the desk's household procedures, shared with the console's forms.
 * Browser-safe: zod and the pure rules of @ef/core only.
 */
import { CLASS_LEVEL_ORDER } from "@ef/core";
import { z } from "zod";

const ZId = z.number().int().positive();

/** The school class levels the forms offer (maternelle to lycée): the rules' own list. */
export const classLevels = CLASS_LEVEL_ORDER;

const text = (label: string, max = 120) =>
  z
    .string()
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(max, `${label} doit contenir au plus ${max} caractères.`);

const ZEmail = z
  .string()
  .trim()
  .max(254, "Adresse e-mail trop longue.")
  .pipe(z.email("Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."));

const PHONE_MESSAGE = "Numéro de téléphone invalide : 10 chiffres, par exemple 06 12 34 56 78.";
/** A French phone number: 10 digits from 0, or +33 and 9 digits; spaces, dots and dashes allowed. */
const isPhone = (v: string) => /^(?:0\d{9}|\+33\d{9})$/.test(v.replace(/[\s.-]/g, ""));
const ZPhone = z.string().trim().max(30, PHONE_MESSAGE).refine(isPhone, PHONE_MESSAGE);

const ZPostalCode = z
  .string()
  .trim()
  .regex(/^\d{5}$/, "Le code postal doit contenir 5 chiffres.");

const ZQf = z
  .number({ error: "Le quotient familial doit être un nombre entier." })
  .int("Le quotient familial doit être un nombre entier.")
  .min(0, "Le quotient familial ne peut pas être négatif.")
  .max(100_000, "Quotient familial trop élevé.");

/** A real calendar day `YYYY-MM-DD` (no 31 February). */
export function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const ZRealDay = (message: string) => z.string().trim().refine(isRealDay, message);

export const ZGuardianInputSchema = z.object({
  firstName: text("Le prénom", 80),
  lastName: text("Le nom", 80),
  email: z.union([z.literal(""), ZEmail]),
  phone: z.union([z.literal(""), ZPhone]),
});

/**
 * A child's row. With `today` (the town's day), the birth date is also bounded: in the past and
 * less than 26 years ago.
 */
export function childInputSchema(today?: string) {
  const day = ZRealDay("Date de naissance invalide (jj/mm/aaaa).");
  const minYear = today ? Number(today.slice(0, 4)) - 26 : 0;
  return z.object({
    firstName: text("Le prénom", 80),
    lastName: text("Le nom", 80),
    birthDate: today
      ? day
          .refine((v) => v < today, "La date de naissance doit être passée.")
          .refine(
            (v) => Number(v.slice(0, 4)) >= minYear,
            "Cette date de naissance est trop ancienne.",
          )
      : day,
    classLevel: z.enum(classLevels, { error: "Classe inconnue." }).nullable(),
  });
}

/** "Nouvelle famille": the household, its parents (one at least) and its children. */
export function createHouseholdSchema(today?: string) {
  return z.object({
    name: text("Le nom du foyer"),
    addressLine: text("L'adresse", 200),
    postalCode: ZPostalCode,
    city: text("La commune", 80),
    resident: z.boolean(),
    qf: ZQf.nullable(),
    email: ZEmail,
    phone: ZPhone,
    guardians: z
      .array(ZGuardianInputSchema)
      .min(1, "Indiquez au moins un parent.")
      .max(4, "Quatre parents au plus."),
    children: z.array(childInputSchema(today)).max(12, "Douze enfants au plus."),
  });
}

/**
 * The procedure's input: every rule except "born before today", which the handler checks
 * against the context's clock with `createHouseholdSchema(today)`.
 */
export const ZCreateHouseholdSchema = createHouseholdSchema();
export type TCreateHouseholdInput = z.infer<typeof ZCreateHouseholdSchema>;

export const ZIssueCredentialsSchema = z.object({
  householdId: ZId,
  sendByMail: z.boolean(),
});

export const ZSetAccountDisabledSchema = z.object({
  householdId: ZId,
  disabled: z.boolean(),
});

export const ZUpdateContactSchema = z.object({
  householdId: ZId,
  addressLine: text("L'adresse", 200),
  postalCode: ZPostalCode,
  city: text("La commune", 80),
  resident: z.boolean(),
  email: ZEmail,
  phone: ZPhone,
});
export type TUpdateContactInput = z.infer<typeof ZUpdateContactSchema>;

export const ZUpdateQfSchema = z.object({
  householdId: ZId,
  qf: ZQf,
  validUntil: ZRealDay("Date de validité invalide (jj/mm/aaaa)."),
  source: z
    .string()
    .trim()
    .min(3, "Indiquez le justificatif (par exemple : Attestation CAF du 12/11/2026).")
    .max(200, "Le justificatif doit contenir au plus 200 caractères."),
});
export type TUpdateQfInput = z.infer<typeof ZUpdateQfSchema>;
