import { z } from "zod";

/** Pointage: the statuses an agent can mark, and their French words. */
export const attendanceStatuses = ["present", "absent", "excused"] as const;
export type TAttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceStatusLabels: Record<TAttendanceStatus, string> = {
  present: "Présent",
  absent: "Absent",
  excused: "Excusé",
};

const ZAttendanceDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date invalide.");
const ZAttendanceId = z.number().int().positive();

/** One activity on one day: what the pointage list and its export are about. */
export const ZAttendanceDaySchema = z.object({
  activityId: ZAttendanceId,
  date: ZAttendanceDay,
});
export type TAttendanceDay = z.infer<typeof ZAttendanceDaySchema>;

/** A child's mark. No note keeps the one already written; an empty note clears it. */
export const ZMarkAttendanceSchema = ZAttendanceDaySchema.extend({
  childId: ZAttendanceId,
  status: z.enum(attendanceStatuses, { error: "Choisissez présent, absent ou excusé." }),
  note: z
    .string()
    .trim()
    .max(500, "500 caractères au plus.")
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
});
export type TMarkAttendance = z.input<typeof ZMarkAttendanceSchema>;

export const ZAttendanceActivitySchema = z.object({
  id: z.number(),
  name: z.string(),
  typeLabel: z.string(),
});

export const ZAttendanceChildSchema = z.object({
  childId: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  age: z.number(),
  classLevel: z.string().nullable(),
  accountCode: z.string(),
  pai: z.boolean(),
  allergy: z.boolean(),
  healthNotes: z.string(),
  status: z.enum(attendanceStatuses).nullable(),
  note: z.string().nullable(),
});
export type TAttendanceChild = z.infer<typeof ZAttendanceChildSchema>;

export const ZAttendanceCountsSchema = z.object({
  booked: z.number(),
  present: z.number(),
  absent: z.number(),
  excused: z.number(),
  unmarked: z.number(),
});

export const ZAttendanceListSchema = z.object({
  activity: ZAttendanceActivitySchema,
  date: z.string(),
  children: z.array(ZAttendanceChildSchema),
  counts: ZAttendanceCountsSchema,
});

export const ZAttendanceMarkResultSchema = z.object({
  childId: z.number(),
  status: z.enum(attendanceStatuses),
  note: z.string().nullable(),
  markedAt: z.string(),
});

export const ZAttendanceCsvSchema = z.object({ fileName: z.string(), csv: z.string() });
