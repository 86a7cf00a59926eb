import { absenceDeclarationWindow, formatDayFr } from "@ef/core";
import { absences, activities, children, eqConst, reservations, type TDb } from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { appError } from "../errors";

/** "jeudi 3 décembre 2026": a day as the family reads it in a message. */
export function dayWithYear(day: string): string {
  return `${formatDayFr(day)} ${day.slice(0, 4)}`;
}

/** The activities a child is booked on that day (the ones an accepted absence excuses). */
export function bookedActivities(db: TDb, childId: number, date: string) {
  return db
    .select({
      activityId: activities.id,
      name: activities.name,
      billingMode: activities.billingMode,
    })
    .from(reservations)
    .innerJoin(activities, eq(activities.id, reservations.activityId))
    .where(
      and(
        eq(reservations.childId, childId),
        eq(reservations.date, date),
        eqConst(reservations.status, "booked"),
      ),
    )
    .orderBy(asc(activities.name))
    .all();
}

/**
 * Can this family declare this child absent on this day, now? Returns the child, the booked
 * activities and a refused declaration to replace, or throws the French reason.
 */
export function checkDeclaration(
  db: TDb,
  householdId: number,
  input: { childId: number; date: string },
  now: Date,
) {
  const child = db
    .select({ id: children.id, firstName: children.firstName })
    .from(children)
    .where(and(eq(children.id, input.childId), eq(children.householdId, householdId)))
    .get();
  if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
  const day = formatDayFr(input.date);
  const window = absenceDeclarationWindow(input.date, now);
  if (!window.ok && window.reason === "future") {
    throw appError(
      "INVALID",
      `Une absence se signale à partir du jour même : le ${day} n'est pas encore arrivé. Pour un jour à venir, annulez la réservation dans le planning.`,
    );
  }
  if (!window.ok) {
    throw appError(
      "DEADLINE_PASSED",
      `Le délai pour signaler l'absence du ${day} est dépassé : une absence se signale au plus tard 7 jours après, soit jusqu'au ${formatDayFr(window.lastDay)}. Pour toute question, adressez-vous au guichet unique.`,
    );
  }
  const booked = bookedActivities(db, child.id, input.date);
  if (booked.length === 0) {
    throw appError(
      "INVALID",
      `${child.firstName} n'avait aucune activité réservée le ${day} : il n'y a pas d'absence à justifier ce jour-là.`,
    );
  }
  const existing =
    db
      .select({ id: absences.id, status: absences.status, filePath: absences.filePath })
      .from(absences)
      .where(and(eq(absences.childId, child.id), eq(absences.date, input.date)))
      .get() ?? null;
  if (existing?.status === "pending") {
    throw appError(
      "CONFLICT",
      `L'absence de ${child.firstName} le ${day} est déjà signalée : elle attend la vérification du guichet unique.`,
    );
  }
  if (existing?.status === "accepted") {
    throw appError(
      "CONFLICT",
      `L'absence de ${child.firstName} le ${day} est déjà signalée et justifiée.`,
    );
  }
  return { child, booked, refused: existing, lastDay: window.lastDay };
}
