import { ageOn } from "@ef/core";
import {
  activities,
  activityTypes,
  attendance,
  children,
  eqConst,
  households,
  reservations,
  type TDb,
} from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { appError } from "../../errors";
import type { TAttendanceChild, TAttendanceDay } from "./attendance.schemas";

/** The activity a pointage is about, or NOT_FOUND. */
export function loadActivity(db: TDb, activityId: number) {
  const activity = db
    .select({ id: activities.id, name: activities.name, typeLabel: activityTypes.label })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.id, activityId))
    .get();
  if (!activity) throw appError("NOT_FOUND", "Cette activité est introuvable.");
  return activity;
}

/** The staff on site must see food allergies even without a PAI. */
const ALLERGY = /allerg/i;

/** The children booked on that day for that activity, by last name, with their mark if any. */
export function loadRoster(db: TDb, { activityId, date }: TAttendanceDay): TAttendanceChild[] {
  return db
    .select({
      childId: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      birthDate: children.birthDate,
      classLevel: children.classLevel,
      accountCode: households.accountCode,
      pai: children.pai,
      healthNotes: children.healthNotes,
      status: attendance.status,
      note: attendance.note,
    })
    .from(reservations)
    .innerJoin(children, eq(children.id, reservations.childId))
    .innerJoin(households, eq(households.id, children.householdId))
    .leftJoin(
      attendance,
      and(
        eq(attendance.childId, reservations.childId),
        eq(attendance.activityId, reservations.activityId),
        eq(attendance.date, reservations.date),
      ),
    )
    .where(
      and(
        eq(reservations.activityId, activityId),
        eq(reservations.date, date),
        eqConst(reservations.status, "booked"),
      ),
    )
    .orderBy(asc(children.lastName), asc(children.firstName), asc(children.id))
    .all()
    .map(({ birthDate, ...row }) => ({
      ...row,
      age: ageOn(birthDate, date),
      allergy: ALLERGY.test(row.healthNotes),
      status: row.status ?? null,
    }));
}

export function countMarks(roster: TAttendanceChild[]) {
  const counts = { booked: roster.length, present: 0, absent: 0, excused: 0, unmarked: 0 };
  for (const child of roster) counts[child.status ?? "unmarked"]++;
  return counts;
}
