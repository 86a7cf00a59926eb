/**
 * Input schemas of the admins' seasons and calendars, shared with the console's forms.
 * Browser-safe: zod only.
 */
import { z } from "zod";
import { isRealDay } from "../../staff/households/desk.schemas";

const ZId = z.number().int().positive();
const ZDay = (label: string) =>
  z.string().trim().refine(isRealDay, `${label} : date invalide (jj/mm/aaaa).`);
const text = (label: string, max = 120) =>
  z
    .string()
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(max, `${label} doit contenir au plus ${max} caractères.`);

export const calendarKindLabels = {
  school_holiday: "Vacances scolaires",
  public_holiday: "Jour férié",
  closure: "Fermeture",
} as const;

export const ZSeasonFieldsSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{4}$/, "Le code de la saison s'écrit comme 2027-2028."),
    label: text("Le nom de la saison"),
    startsOn: ZDay("Premier jour"),
    endsOn: ZDay("Dernier jour"),
    zone: z.enum(["A", "B", "C"], { error: "Choisissez la zone A, B ou C." }),
    schoolWeekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, "Cochez au moins un jour d'école.")
      .max(7),
    registrationOpen: z.boolean(),
  })
  .refine((v) => v.startsOn < v.endsOn, {
    path: ["endsOn"],
    message: "Le dernier jour doit suivre le premier jour.",
  });
export type TSeasonFields = z.infer<typeof ZSeasonFieldsSchema>;

export const ZPeriodFieldsSchema = z
  .object({
    kind: z.enum(["school_holiday", "public_holiday", "closure"], {
      error: "Choisissez le type de période.",
    }),
    label: text("Le libellé"),
    startsOn: ZDay("Du"),
    endsOn: ZDay("Au"),
  })
  .refine((v) => v.startsOn <= v.endsOn, {
    path: ["endsOn"],
    message: "La fin doit être le même jour que le début, ou après.",
  });
export type TPeriodFields = z.infer<typeof ZPeriodFieldsSchema>;

/** A change of a season's calendar, as previewed and then applied. */
export const ZCalendarChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("season"), seasonId: ZId, season: ZSeasonFieldsSchema }),
  z.object({
    op: z.literal("savePeriod"),
    seasonId: ZId,
    periodId: ZId.nullable(),
    period: ZPeriodFieldsSchema,
  }),
  z.object({ op: z.literal("deletePeriod"), seasonId: ZId, periodId: ZId }),
]);
export type TCalendarChange = z.infer<typeof ZCalendarChangeSchema>;

/**
 * What the admin saw and agreed to: the bookings the change cancels (their count, checked again
 * on the server) and the reason the families will read.
 */
export const ZCancellationSchema = z
  .object({
    expected: z.number().int().min(0),
    reason: z.string().trim().max(300, "Le motif doit contenir au plus 300 caractères."),
  })
  .refine((v) => v.expected === 0 || v.reason.length >= 3, {
    path: ["reason"],
    message: "Indiquez le motif : les familles le recevront par e-mail avec l'annulation.",
  });

export const ZApplyCalendarChangeSchema = z.object({
  change: ZCalendarChangeSchema,
  cancellation: ZCancellationSchema,
});

export const ZCreateSeasonSchema = ZSeasonFieldsSchema;
export const ZSeasonIdSchema = z.object({ seasonId: ZId });

/** Opens or closes the families' registrations of a season (no day changes: no preview). */
export const ZSetRegistrationOpenSchema = z.object({ seasonId: ZId, open: z.boolean() });

/** Adds a season's French public holidays (those not in its calendar yet). */
export const ZAddPublicHolidaysSchema = z.object({ seasonId: ZId });
