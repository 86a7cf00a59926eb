import { addDays, dayOffer, parisDay, placesLeft } from "@ef/core";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  dossierPieces,
  dossiers,
  households,
  payments,
  registrations,
} from "@ef/db";
import { and, asc, count, eq, gte, inArray, lte, min } from "drizzle-orm";
import { z } from "zod";
import { activityRules, seasonCalendar } from "../../booking/catalogue";
import { usedInRange } from "../../booking/counts";
import { itemUsed } from "../../booking/registration-lines";
import { currentSeason } from "../../seasons";
import { agentProcedure } from "../../trpc";

/** How far the dashboard looks ahead for loisirs days and Territoire Jeune sessions. */
export const DASHBOARD_DAYS = 14;
/** Rows of each list; the counts say how many there are in all. */
const LIST_LIMIT = 20;

const ZHouseholdRefSchema = z.object({ id: z.number(), accountCode: z.string(), name: z.string() });

const ZDashboardSchema = z.object({
  today: z.string(),
  /** The last day of the look-ahead window (included). */
  until: z.string(),
  pendingRegistrations: z.number(),
  pieces: z.object({
    total: z.number(),
    households: z.array(
      ZHouseholdRefSchema.extend({ count: z.number(), oldestUploadedAt: z.string().nullable() }),
    ),
  }),
  refunds: z.object({
    total: z.number(),
    amountCents: z.number(),
    payments: z.array(
      z.object({
        id: z.number(),
        refdet: z.string(),
        amountCents: z.number(),
        paidAt: z.string().nullable(),
        household: ZHouseholdRefSchema,
      }),
    ),
  }),
  /** Loisirs days of the window: places left per activity and day (null: unlimited). */
  loisirs: z.array(
    z.object({
      activityId: z.number(),
      name: z.string(),
      days: z.array(
        z.object({
          date: z.string(),
          capacity: z.number().nullable(),
          taken: z.number(),
          left: z.number().nullable(),
        }),
      ),
    }),
  ),
  emsGroups: z.array(
    z.object({
      id: z.number(),
      activityName: z.string(),
      name: z.string(),
      weekday: z.number(),
      startTime: z.string(),
      endTime: z.string(),
      capacity: z.number(),
      taken: z.number(),
      left: z.number(),
    }),
  ),
  tjSessions: z.array(
    z.object({
      id: z.number(),
      activityName: z.string(),
      title: z.string(),
      date: z.string(),
      startTime: z.string(),
      capacity: z.number(),
      taken: z.number(),
      left: z.number(),
    }),
  ),
});
export type TDashboard = z.infer<typeof ZDashboardSchema>;

/**
 * "Tableau de bord": what waits for an agent today — registrations to validate, pieces to check,
 * payments to refund — and the places left on the coming loisirs days, EMS groups and Territoire
 * Jeune sessions (places minus bookings minus live holds, as the booking rules count them).
 */
export const getDashboard = agentProcedure.output(ZDashboardSchema).query(({ ctx }) => {
  const { db, now } = ctx;
  const today = parisDay(now);
  const until = addDays(today, DASHBOARD_DAYS - 1);

  const pendingRegistrations =
    db.select({ n: count() }).from(registrations).where(eq(registrations.status, "pending")).get()
      ?.n ?? 0;

  // Pieces waiting: the count from the status index; the households that waited longest first,
  // grouped without touching the households table, which is read for the shown rows only.
  const piecesTotal =
    db.select({ n: count() }).from(dossierPieces).where(eq(dossierPieces.status, "uploaded")).get()
      ?.n ?? 0;
  const oldest = min(dossierPieces.uploadedAt);
  const pieceGroups = db
    .select({ householdId: dossiers.householdId, count: count(), oldestUploadedAt: oldest })
    .from(dossierPieces)
    .innerJoin(dossiers, eq(dossiers.id, dossierPieces.dossierId))
    .where(eq(dossierPieces.status, "uploaded"))
    .groupBy(dossiers.householdId)
    .orderBy(asc(oldest), asc(dossiers.householdId))
    .limit(LIST_LIMIT)
    .all();
  const pieceHouseholds = new Map(
    (pieceGroups.length === 0
      ? []
      : db
          .select({ id: households.id, accountCode: households.accountCode, name: households.name })
          .from(households)
          .where(
            inArray(
              households.id,
              pieceGroups.map((g) => g.householdId),
            ),
          )
          .all()
    ).map((h) => [h.id, h]),
  );

  const refundRows = db
    .select({
      id: payments.id,
      refdet: payments.refdet,
      amountCents: payments.amountCents,
      paidAt: payments.paidAt,
      householdId: households.id,
      accountCode: households.accountCode,
      name: households.name,
    })
    .from(payments)
    .innerJoin(households, eq(households.id, payments.householdId))
    .where(eq(payments.needsRefund, true))
    .orderBy(asc(payments.updatedAt), asc(payments.id))
    .all();

  const season = currentSeason(db, now);
  const calendar = season ? seasonCalendar(db, season.id) : null;
  const byType = (code: "loisirs" | "ems" | "territoire_jeune") =>
    season
      ? db
          .select({ id: activities.id, name: activities.name })
          .from(activities)
          .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
          .where(
            and(
              eq(activities.seasonId, season.id),
              eq(activityTypes.code, code),
              eq(activities.active, true),
            ),
          )
          .orderBy(asc(activities.position), asc(activities.name))
          .all()
      : [];

  const window: string[] = [];
  for (let d = today; d <= until; d = addDays(d, 1)) window.push(d);

  const loisirsActivities = byType("loisirs");
  const rules = activityRules(
    db,
    loisirsActivities.map((a) => a.id),
  );
  const loisirs = loisirsActivities.flatMap((a) => {
    const rule = rules.get(a.id);
    if (!rule?.dayKind || !calendar) return [];
    const { dayKind, weekdays } = rule;
    const used = usedInRange(db, a.id, today, until, now);
    const days = window
      .filter((date) => dayOffer(calendar, { dayKind, weekdays }, date).offered)
      .map((date) => {
        const taken = used.get(date) ?? 0;
        return {
          date,
          capacity: rule.capacity,
          taken,
          left: rule.capacity === null ? null : placesLeft(rule.capacity, taken, 0),
        };
      });
    return days.length > 0 ? [{ activityId: a.id, name: a.name, days }] : [];
  });

  const ems = byType("ems");
  const emsGroups =
    ems.length === 0
      ? []
      : db
          .select({
            id: activityGroups.id,
            activityName: activities.name,
            name: activityGroups.name,
            weekday: activityGroups.weekday,
            startTime: activityGroups.startTime,
            endTime: activityGroups.endTime,
            capacity: activityGroups.capacity,
          })
          .from(activityGroups)
          .innerJoin(activities, eq(activities.id, activityGroups.activityId))
          .where(
            inArray(
              activityGroups.activityId,
              ems.map((a) => a.id),
            ),
          )
          .orderBy(asc(activities.position), asc(activityGroups.weekday), asc(activityGroups.id))
          .all()
          .map((g) => {
            const taken = itemUsed(db, { groupId: g.id, sessionId: null }, now, null);
            return { ...g, taken, left: placesLeft(g.capacity, taken, 0) };
          });

  const tj = byType("territoire_jeune");
  const tjSessions =
    tj.length === 0
      ? []
      : db
          .select({
            id: activitySessions.id,
            activityName: activities.name,
            title: activitySessions.title,
            date: activitySessions.date,
            startTime: activitySessions.startTime,
            capacity: activitySessions.capacity,
          })
          .from(activitySessions)
          .innerJoin(activities, eq(activities.id, activitySessions.activityId))
          .where(
            and(
              inArray(
                activitySessions.activityId,
                tj.map((a) => a.id),
              ),
              gte(activitySessions.date, today),
              lte(activitySessions.date, until),
            ),
          )
          .orderBy(asc(activitySessions.date), asc(activitySessions.startTime))
          .all()
          .map((s) => {
            const taken = itemUsed(db, { groupId: null, sessionId: s.id }, now, null);
            return { ...s, taken, left: placesLeft(s.capacity, taken, 0) };
          });

  return {
    today,
    until,
    pendingRegistrations,
    pieces: {
      total: piecesTotal,
      households: pieceGroups.flatMap((g) => {
        const h = pieceHouseholds.get(g.householdId);
        return h ? [{ ...h, count: g.count, oldestUploadedAt: g.oldestUploadedAt ?? null }] : [];
      }),
    },
    refunds: {
      total: refundRows.length,
      amountCents: refundRows.reduce((sum, r) => sum + r.amountCents, 0),
      payments: refundRows.slice(0, LIST_LIMIT).map((r) => ({
        id: r.id,
        refdet: r.refdet,
        amountCents: r.amountCents,
        paidAt: r.paidAt,
        household: { id: r.householdId, accountCode: r.accountCode, name: r.name },
      })),
    },
    loisirs,
    emsGroups,
    tjSessions,
  };
});
