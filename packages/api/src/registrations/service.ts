import { classLevelAfter, eligibility, parisDay, schoolYearsAhead } from "@ef/core";
import {
  activities,
  activityTypes,
  children,
  dossiers,
  registrations,
  seasons,
  type TDb,
} from "@ef/db";
import { and, asc, eq, inArray } from "drizzle-orm";

/** Activity types registered through "Inscription" (the others are "Inscriptions en paiement"). */
export const PLANNING_TYPES = ["periscolaire", "loisirs"] as const;

/** The day eligibility is judged on: today, or the season's first day if it has not begun. */
export function eligibilityDay(seasonStartsOn: string, now: Date): string {
  const today = parisDay(now);
  return today < seasonStartsOn ? seasonStartsOn : today;
}

/**
 * The child as a season sees them: for next year's season, in the class above the one recorded
 * (families register in spring with this year's class).
 */
export function childInSeason<T extends { classLevel: string | null }>(
  child: T,
  seasonCode: string,
  now: Date,
): T {
  const years = schoolYearsAhead(seasonCode, parisDay(now));
  return years > 0 ? { ...child, classLevel: classLevelAfter(child.classLevel, years) } : child;
}

export function childOf(db: TDb, householdId: number, childId: number) {
  return (
    db
      .select({
        id: children.id,
        firstName: children.firstName,
        birthDate: children.birthDate,
        classLevel: children.classLevel,
      })
      .from(children)
      .where(and(eq(children.id, childId), eq(children.householdId, householdId)))
      .get() ?? null
  );
}

/** The activities of the open seasons a child may join through "Inscription", by type. */
export function registrationOptions(
  db: TDb,
  child: { id: number; birthDate: string; classLevel: string | null },
  now: Date,
) {
  const rows = db
    .select({
      id: activities.id,
      name: activities.name,
      description: activities.description,
      startTime: activities.startTime,
      endTime: activities.endTime,
      minAge: activities.minAge,
      maxAge: activities.maxAge,
      classLevels: activities.classLevels,
      typeCode: activityTypes.code,
      typeLabel: activityTypes.label,
      typePosition: activityTypes.position,
      seasonCode: seasons.code,
      seasonStartsOn: seasons.startsOn,
      seasonEndsOn: seasons.endsOn,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .innerJoin(seasons, eq(seasons.id, activities.seasonId))
    .where(
      and(
        eq(activities.active, true),
        eq(seasons.registrationOpen, true),
        inArray(activityTypes.code, [...PLANNING_TYPES]),
      ),
    )
    // Two seasons may be open at once (the running year and the next): the running one first.
    .orderBy(asc(seasons.startsOn), asc(activityTypes.position), asc(activities.position))
    .all()
    .filter((a) => a.seasonEndsOn >= parisDay(now));
  const existing = new Map(
    db
      .select({ activityId: registrations.activityId, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.childId, child.id),
          inArray(registrations.status, ["pending", "validated"]),
        ),
      )
      .all()
      .map((r) => [r.activityId, r.status]),
  );
  return rows.map((a) => {
    const e = eligibility(
      a,
      childInSeason(child, a.seasonCode, now),
      eligibilityDay(a.seasonStartsOn, now),
    );
    return {
      id: a.id,
      name: a.name,
      description: a.description,
      typeCode: a.typeCode,
      typeLabel: a.typeLabel,
      seasonCode: a.seasonCode,
      times:
        a.startTime && a.endTime
          ? `${a.startTime.replace(":", "h")} – ${a.endTime.replace(":", "h")}`
          : null,
      eligible: e.ok,
      reason: e.ok ? null : e.reason,
      registration: existing.get(a.id) ?? null,
    };
  });
}

/** Whether the household's dossier for a season is complete. */
export function dossierComplete(db: TDb, householdId: number, seasonId: number): boolean {
  return (
    db
      .select({ status: dossiers.status })
      .from(dossiers)
      .where(and(eq(dossiers.householdId, householdId), eq(dossiers.seasonId, seasonId)))
      .get()?.status === "complete"
  );
}
