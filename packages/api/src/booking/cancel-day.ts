import { formatDayFr } from "@ef/core";
import { credits, eqConst, prepared, reservations, type TDb } from "@ef/db";
import { and, eq, sql } from "drizzle-orm";

/**
 * Cancels a child's booked day. A paid day (not postpaid, price above 0) becomes a credit (avoir)
 * for the household, used first by its next payment. Returns whether a booking was cancelled.
 * The one way a booked day is cancelled: "Terminer" and the admins' calendar both call it.
 */
export function cancelBookedDay(
  tx: TDb,
  args: {
    householdId: number;
    childId: number;
    childName: string;
    activity: { id: number; name: string; billingMode: string };
    date: string;
    priceCents: number;
    now: Date;
    userId: number;
    /** The credit's reason; by default "Annulation : <child>, <activity>, <day>". */
    creditReason?: string;
  },
): boolean {
  const nowIso = args.now.toISOString();
  const done = prepared(tx, "cancelBookedDay", (d) =>
    d
      .update(reservations)
      .set({
        status: "cancelled",
        cancelledAt: sql`${sql.placeholder("at")}`,
        cancelledBy: sql`${sql.placeholder("by")}`,
      })
      .where(
        and(
          eq(reservations.childId, sql.placeholder("childId")),
          eq(reservations.activityId, sql.placeholder("activityId")),
          eq(reservations.date, sql.placeholder("date")),
          eqConst(reservations.status, "booked"),
        ),
      )
      .prepare(),
  ).run({
    at: nowIso,
    by: args.userId,
    childId: args.childId,
    activityId: args.activity.id,
    date: args.date,
  });
  if (done.changes !== 1) return false;
  if (args.activity.billingMode !== "postpaid" && args.priceCents > 0) {
    tx.insert(credits)
      .values({
        householdId: args.householdId,
        amountCents: args.priceCents,
        reason:
          args.creditReason ??
          `Annulation : ${args.childName}, ${args.activity.name}, ${formatDayFr(args.date)}`,
        createdAt: nowIso,
        createdBy: args.userId,
      })
      .run();
  }
  return true;
}
