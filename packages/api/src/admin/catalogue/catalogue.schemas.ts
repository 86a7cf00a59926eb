/**
 * Input schemas of the admins' catalogue (activity types, activities and their tariff grids, EMS
 * groups, Territoire Jeune sessions), shared with the console's forms. Browser-safe: zod and the
 * pure rules only.
 */
import { tariffGridProblem } from "@ef/core";
import { z } from "zod";
import { classLevels, isRealDay } from "../../staff/households/desk.schemas";

const ZId = z.number().int().positive();
const text = (label: string, max = 120) =>
  z
    .string()
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(max, `${label} doit contenir au plus ${max} caractères.`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} doit contenir au plus ${max} caractères.`);
const ZTime = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} : heure invalide (par exemple 09:30).`);
const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} : indiquez un nombre entier.` })
    .int(`${label} : indiquez un nombre entier.`)
    .min(min, `${label} : ${min} au moins.`)
    .max(max, `${label} : ${max} au plus.`);
const ZAge = (label: string) => int(label, 0, 25);
const ZPlaces = int("Places", 1, 1000);
const ZCents = int("Prix", 0, 1_000_000);

export const billingModeLabels = {
  postpaid: "Facturé en fin de mois",
  prepaid: "Payé à la réservation",
  at_registration: "Payé à l'inscription",
} as const;
export const scheduleKindLabels = {
  weekdays: "Jours du calendrier",
  groups: "Groupes hebdomadaires (EMS)",
  sessions: "Séances datées (Territoire Jeune)",
} as const;
export const dayKindLabels = {
  school_days: "Jours d'école",
  wednesdays: "Mercredis (hors vacances)",
  holidays: "Vacances scolaires",
} as const;
export { classLevels };

export const ZUpdateActivityTypeSchema = z.object({
  typeId: ZId,
  label: text("Le nom"),
  description: optionalText("La description", 1000),
  position: int("Ordre", 0, 100),
});

/** The fields an admin sets on an activity (its season and type are chosen at creation). */
export const ZActivityFieldsSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9_]{2,40}$/,
        "Le code : 2 à 40 lettres minuscules, chiffres ou « _ » (par exemple ems_judo).",
      ),
    name: text("Le nom"),
    description: optionalText("La description", 2000),
    billingMode: z.enum(["postpaid", "prepaid", "at_registration"], {
      error: "Choisissez le mode de paiement.",
    }),
    scheduleKind: z.enum(["weekdays", "groups", "sessions"], {
      error: "Choisissez le déroulement.",
    }),
    dayKind: z.enum(["school_days", "wednesdays", "holidays"]).nullable(),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).nullable(),
    startTime: ZTime("Début").nullable(),
    endTime: ZTime("Fin").nullable(),
    location: optionalText("Le lieu", 200),
    capacity: ZPlaces.nullable(),
    minAge: ZAge("Âge minimum").nullable(),
    maxAge: ZAge("Âge maximum").nullable(),
    classLevels: z.array(z.enum(classLevels)).max(classLevels.length).nullable(),
    deadlineDays: int("Délai (jours)", 0, 60),
    deadlineTime: ZTime("Heure limite"),
    deadlineSkipWeekends: z.boolean(),
    position: int("Ordre", 0, 1000),
  })
  .refine((v) => v.scheduleKind !== "weekdays" || v.dayKind !== null, {
    path: ["dayKind"],
    message: "Choisissez les jours du calendrier où l'activité a lieu.",
  })
  .refine((v) => v.scheduleKind !== "weekdays" || v.weekdays === null || v.weekdays.length > 0, {
    path: ["weekdays"],
    message: "Cochez au moins un jour de la semaine.",
  })
  .refine((v) => !v.startTime || !v.endTime || v.startTime < v.endTime, {
    path: ["endTime"],
    message: "La fin doit suivre le début.",
  })
  .refine((v) => v.minAge === null || v.maxAge === null || v.minAge <= v.maxAge, {
    path: ["maxAge"],
    message: "L'âge maximum doit être au moins l'âge minimum.",
  })
  .refine((v) => (v.scheduleKind === "weekdays") === (v.billingMode !== "at_registration"), {
    path: ["billingMode"],
    message:
      "Les groupes et les séances se paient à l'inscription ; les jours du calendrier se paient à la réservation ou en fin de mois.",
  });
export type TActivityFields = z.infer<typeof ZActivityFieldsSchema>;

export const ZCreateActivitySchema = z.object({
  seasonId: ZId,
  typeId: ZId,
  activity: ZActivityFieldsSchema,
});
export const ZUpdateActivitySchema = z.object({ activityId: ZId, activity: ZActivityFieldsSchema });
export const ZActivityIdSchema = z.object({ activityId: ZId });
export const ZSetActivityActiveSchema = z.object({ activityId: ZId, active: z.boolean() });
export const ZActivitiesListSchema = z.object({ seasonId: ZId.nullable() });

export const ZTariffLineSchema = z
  .object({
    qfMin: int("QF de", 0, 100_000),
    qfMax: int("QF à", 0, 100_000).nullable(),
    resident: z.boolean(),
    priceCents: ZCents,
  })
  .refine((v) => v.qfMax === null || v.qfMin <= v.qfMax, {
    path: ["qfMax"],
    message: "La tranche doit se terminer après son début.",
  });

export const ZSetTariffsSchema = z
  .object({
    activityId: ZId,
    lines: z.array(ZTariffLineSchema).min(2, "Une tranche au moins par résidence.").max(40),
  })
  .superRefine((v, ctx) => {
    const problem = tariffGridProblem(v.lines);
    if (problem) ctx.addIssue({ code: "custom", path: ["lines"], message: problem });
  });

export const ZGroupFieldsSchema = z
  .object({
    name: text("Le nom du groupe"),
    weekday: int("Jour", 1, 7),
    startTime: ZTime("Début"),
    endTime: ZTime("Fin"),
    location: text("Le lieu", 200),
    minAge: ZAge("Âge minimum"),
    maxAge: ZAge("Âge maximum"),
    capacity: ZPlaces,
    coach: optionalText("L'éducateur", 120),
  })
  .refine((v) => v.startTime < v.endTime, {
    path: ["endTime"],
    message: "La fin doit suivre le début.",
  })
  .refine((v) => v.minAge <= v.maxAge, {
    path: ["maxAge"],
    message: "L'âge maximum doit être au moins l'âge minimum.",
  });
export type TGroupFields = z.infer<typeof ZGroupFieldsSchema>;

export const ZCreateGroupSchema = z.object({ activityId: ZId, group: ZGroupFieldsSchema });
export const ZUpdateGroupSchema = z.object({ groupId: ZId, group: ZGroupFieldsSchema });
export const ZGroupIdSchema = z.object({ groupId: ZId });

export const ZSessionFieldsSchema = z
  .object({
    title: text("Le titre"),
    description: optionalText("La description", 2000),
    date: z.string().trim().refine(isRealDay, "Date invalide (jj/mm/aaaa)."),
    startTime: ZTime("Début"),
    endTime: ZTime("Fin"),
    location: text("Le lieu", 200),
    minAge: ZAge("Âge minimum"),
    maxAge: ZAge("Âge maximum"),
    capacity: ZPlaces,
    priceCents: ZCents.nullable(),
  })
  .refine((v) => v.startTime < v.endTime, {
    path: ["endTime"],
    message: "La fin doit suivre le début.",
  })
  .refine((v) => v.minAge <= v.maxAge, {
    path: ["maxAge"],
    message: "L'âge maximum doit être au moins l'âge minimum.",
  });
export type TSessionFields = z.infer<typeof ZSessionFieldsSchema>;

export const ZCreateSessionSchema = z.object({ activityId: ZId, session: ZSessionFieldsSchema });
export const ZUpdateSessionSchema = z.object({ sessionId: ZId, session: ZSessionFieldsSchema });
export const ZSessionIdSchema = z.object({ sessionId: ZId });

/** Copies a season's catalogue (activities, tariff grids, EMS groups) into another season. */
export const ZCopyCatalogueSchema = z
  .object({ fromSeasonId: ZId, toSeasonId: ZId })
  .refine((v) => v.fromSeasonId !== v.toSeasonId, {
    path: ["fromSeasonId"],
    message: "Choisissez une autre saison que celle à préparer.",
  });
