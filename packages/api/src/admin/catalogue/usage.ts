/**
 * What is taken in the catalogue, counted as the booking rules count it (booked + live holds of
 * every panier), so that an admin never sets places below it nor removes what a family holds.
 */
import { busiestDay, dayOffer, formatDayFr, parisDay, placesProblem } from "@ef/core";
import {
  basketRegistrationLines,
  eqConst,
  registrations,
  reservations,
  type TDb,
  waitingList,
} from "@ef/db";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { seasonCalendar } from "../../booking/catalogue";
import { usedInRange } from "../../booking/counts";
import { itemUsed } from "../../booking/registration-lines";
import { appError } from "../../errors";

/** The busiest day from today on of a weekday activity (booked + held), or null. */
export function busiestUpcomingDay(db: TDb, activityId: number, now: Date) {
  return busiestDay(usedInRange(db, activityId, parisDay(now), "9999-12-31", now));
}

/** Refuses places below the busiest upcoming day of a weekday activity, with the count. */
export function assertDayPlaces(db: TDb, activityId: number, places: number | null, now: Date) {
  const problem = placesProblem(places, busiestUpcomingDay(db, activityId, now));
  if (problem) throw appError("CONFLICT", problem);
}

/** Places taken in an EMS group or a TJ session: registrations (pending or validated) + holds. */
export function itemTaken(db: TDb, item: { groupId: number } | { sessionId: number }, now: Date) {
  return itemUsed(
    db,
    "groupId" in item
      ? { groupId: item.groupId, sessionId: null }
      : { groupId: null, sessionId: item.sessionId },
    now,
    null,
  );
}

/** Refuses places below what a group or session has taken, with the count. */
export function assertItemPlaces(
  db: TDb,
  item: { groupId: number } | { sessionId: number },
  places: number,
  now: Date,
) {
  const problem = placesProblem(places, { used: itemTaken(db, item, now) });
  if (problem) throw appError("CONFLICT", problem);
}

/**
 * Rows that name a group or a session (any registration, even cancelled, a panier line, a
 * waiting-list entry): while there are some, it stays, so that no booking loses what it points to.
 */
export function itemReferences(db: TDb, item: { groupId: number } | { sessionId: number }) {
  const byGroup = "groupId" in item;
  const id = byGroup ? item.groupId : item.sessionId;
  const count = (n: { n: number } | undefined) => n?.n ?? 0;
  const regs = count(
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(byGroup ? eq(registrations.groupId, id) : eq(registrations.sessionId, id))
      .get(),
  );
  const lines = count(
    db
      .select({ n: sql<number>`count(*)` })
      .from(basketRegistrationLines)
      .where(
        byGroup
          ? eq(basketRegistrationLines.groupId, id)
          : eq(basketRegistrationLines.sessionId, id),
      )
      .get(),
  );
  const waiting = count(
    db
      .select({ n: sql<number>`count(*)` })
      .from(waitingList)
      .where(byGroup ? eq(waitingList.groupId, id) : eq(waitingList.sessionId, id))
      .get(),
  );
  return { registrations: regs, basketLines: lines, waiting, total: regs + lines + waiting };
}

/** Booked days from today on of an activity. */
export function upcomingBookings(db: TDb, activityId: number, now: Date) {
  return db
    .select({ date: reservations.date, n: sql<number>`count(*)` })
    .from(reservations)
    .where(
      and(
        eq(reservations.activityId, activityId),
        eqConst(reservations.status, "booked"),
        gte(reservations.date, parisDay(now)),
      ),
    )
    .groupBy(reservations.date)
    .all();
}

/**
 * Refuses a change of a weekday activity's days (day kind, weekdays) that would leave booked
 * days outside its calendar, naming how many and the first one.
 */
export function assertDaysKept(
  db: TDb,
  activity: { id: number; seasonId: number },
  days: { dayKind: "school_days" | "wednesdays" | "holidays"; weekdays: number[] | null },
  now: Date,
) {
  const cal = seasonCalendar(db, activity.seasonId);
  if (!cal) return;
  const lost = upcomingBookings(db, activity.id, now).filter(
    (d) => !dayOffer(cal, days, d.date).offered,
  );
  if (lost.length === 0) return;
  const n = lost.reduce((sum, d) => sum + d.n, 0);
  throw appError(
    "CONFLICT",
    `Impossible : ${n} réservation${n > 1 ? "s" : ""} à venir tomberai${n > 1 ? "ent" : "t"} hors des nouveaux jours (la première le ${formatDayFr(lost[0]?.date ?? "")}). Fermez ces jours dans le calendrier de la saison pour prévenir les familles, ou gardez les jours actuels.`,
  );
}

/** Live registrations (pending or validated) of an activity. */
export function liveRegistrations(db: TDb, activityId: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(
        and(
          eq(registrations.activityId, activityId),
          inArray(registrations.status, ["pending", "validated"]),
        ),
      )
      .get()?.n ?? 0
  );
}
