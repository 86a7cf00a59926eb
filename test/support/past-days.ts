import { activities, children, households, reservations, type TDb } from "@ef/db";
import { and, eq } from "drizzle-orm";

/**
 * Days already past, booked as if in October, written straight into the demo database (the app
 * books no past day): what a month's invoice bills. The child is found by first name in the
 * household of `accountCode`.
 */
export function bookPastDays(
  db: TDb,
  day: {
    accountCode: string;
    firstName: string;
    activityCode: string;
    dates: readonly string[];
    priceCents: number;
  },
): void {
  const child = db
    .select({ id: children.id })
    .from(children)
    .innerJoin(households, eq(households.id, children.householdId))
    .where(and(eq(children.firstName, day.firstName), eq(households.accountCode, day.accountCode)))
    .get();
  const activity = db
    .select({ id: activities.id })
    .from(activities)
    .where(eq(activities.code, day.activityCode))
    .get();
  if (!child || !activity) throw new Error(`no ${day.firstName} or no ${day.activityCode}`);
  for (const date of day.dates) {
    db.insert(reservations)
      .values({
        childId: child.id,
        activityId: activity.id,
        date,
        status: "booked",
        priceCents: day.priceCents,
        createdAt: "2026-10-20T10:00:00.000Z",
      })
      .run();
  }
}
