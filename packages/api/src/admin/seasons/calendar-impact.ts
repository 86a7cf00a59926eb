/**
 * A change of a season's calendar (its dates, its school weekdays, a holiday, a public holiday, a
 * closure) and the booked days it takes away. The admin sees the families first; applying the
 * change cancels those days in the same transaction, with a mail per family and a credit for the
 * days already paid — a booking is never stranded silently.
 */
import {
  addDays,
  dayOffer,
  formatDayFr,
  formatEuros,
  parisDay,
  parseWeekdays,
  type TCalendarPeriod,
  type TSeasonCalendar,
} from "@ef/core";
import {
  activities,
  calendarPeriods,
  children,
  eqConst,
  households,
  reservations,
  seasons,
  type TDb,
  waitingList,
} from "@ef/db";
import { calendarCancellationMail, queueMail } from "@ef/mail";
import { and, eq, gte, inArray, lte, or } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { cancelBookedDay } from "../../booking/cancel-day";
import { appError } from "../../errors";
import { releaseOffer } from "../../waiting-list/service";
import type { TCalendarChange } from "./seasons.schemas";

type TPeriodRow = TCalendarPeriod & { id: number };

export const ZImpactSchema = z.object({
  count: z.number(),
  creditCents: z.number(),
  /** How many families in all; `families` lists the first ones (a screen, not a mailing list). */
  familiesTotal: z.number(),
  families: z.array(
    z.object({
      householdId: z.number(),
      name: z.string(),
      accountCode: z.string(),
      email: z.string(),
      creditCents: z.number(),
      bookings: z.array(
        z.object({
          reservationId: z.number(),
          childId: z.number(),
          childName: z.string(),
          activityId: z.number(),
          activityName: z.string(),
          date: z.string(),
          priceCents: z.number(),
          billingMode: z.enum(["postpaid", "prepaid", "at_registration"]),
          paid: z.boolean(),
          reason: z.string(),
        }),
      ),
    }),
  ),
});
export type TImpact = z.infer<typeof ZImpactSchema>;

/** The preview shows this many families at most; the change applies to all of them. */
export const IMPACT_LISTED = 200;

function loadSeason(db: TDb, seasonId: number) {
  const season = db.select().from(seasons).where(eq(seasons.id, seasonId)).get();
  if (!season) throw appError("NOT_FOUND", "Cette saison est introuvable.");
  const periods: TPeriodRow[] = db
    .select({
      id: calendarPeriods.id,
      kind: calendarPeriods.kind,
      label: calendarPeriods.label,
      startsOn: calendarPeriods.startsOn,
      endsOn: calendarPeriods.endsOn,
    })
    .from(calendarPeriods)
    .where(eq(calendarPeriods.seasonId, seasonId))
    .all();
  return { season, periods };
}

const calendarOf = (
  s: { startsOn: string; endsOn: string; schoolWeekdays: string },
  periods: readonly TCalendarPeriod[],
): TSeasonCalendar => ({
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  schoolWeekdays: parseWeekdays(s.schoolWeekdays) ?? [],
  periods: [...periods],
});

/**
 * The season's calendar after the change, and the days whose offer may differ (null: any day of
 * the season, when its dates or school weekdays change).
 */
function afterChange(db: TDb, change: TCalendarChange) {
  const { season, periods } = loadSeason(db, change.seasonId);
  const before = calendarOf(season, periods);
  if (change.op === "season") {
    const s = change.season;
    const after = calendarOf(
      { startsOn: s.startsOn, endsOn: s.endsOn, schoolWeekdays: s.schoolWeekdays.join(",") },
      periods,
    );
    return { season, periods, before, after, ranges: null, period: null };
  }
  const existing =
    change.op === "deletePeriod" || change.periodId !== null
      ? periods.find((p) => p.id === change.periodId)
      : undefined;
  if ((change.op === "deletePeriod" || change.periodId !== null) && !existing) {
    throw appError("NOT_FOUND", "Cette période du calendrier est introuvable.");
  }
  const others = periods.filter((p) => p.id !== existing?.id);
  const ranges: { from: string; to: string }[] = existing
    ? [{ from: existing.startsOn, to: existing.endsOn }]
    : [];
  if (change.op === "savePeriod") {
    const p = change.period;
    if (p.startsOn > season.endsOn || p.endsOn < season.startsOn) {
      throw appError(
        "INVALID",
        `La période doit toucher la saison ${season.code} (du ${formatDayFr(season.startsOn)} au ${formatDayFr(season.endsOn)}).`,
      );
    }
    others.push({ id: existing?.id ?? 0, ...p });
    ranges.push({ from: p.startsOn, to: p.endsOn });
  }
  return {
    season,
    periods,
    before,
    after: calendarOf(season, others),
    ranges,
    period: existing ?? null,
  };
}

/**
 * Per weekday activity of the season, the days from today on that it offers now and would not
 * after the change, with the reason (in French). Judged on the calendar alone, so that only those
 * days' bookings are read, by index, however many families the town has.
 */
function lostDays(db: TDb, state: ReturnType<typeof afterChange>, today: string) {
  const spans: { from: string; to: string }[] = [];
  if (state.ranges === null) {
    const holidayEnds = [...state.before.periods, ...state.after.periods]
      .filter((p) => p.kind === "school_holiday")
      .map((p) => p.endsOn);
    const from = [state.before.startsOn, state.after.startsOn].sort()[0] ?? today;
    const to = [state.before.endsOn, state.after.endsOn, ...holidayEnds].sort().at(-1) ?? today;
    spans.push({ from, to });
  } else {
    spans.push(...state.ranges);
  }
  const candidates = new Set<string>();
  for (const span of spans) {
    // At most two years of days: a season is one school year and its summer.
    let day = span.from > today ? span.from : today;
    for (let i = 0; day <= span.to && i < 800; i++, day = addDays(day, 1)) candidates.add(day);
  }
  const acts = db
    .select({
      id: activities.id,
      name: activities.name,
      billingMode: activities.billingMode,
      dayKind: activities.dayKind,
      weekdays: activities.weekdays,
    })
    .from(activities)
    .where(and(eq(activities.seasonId, state.season.id), eq(activities.scheduleKind, "weekdays")))
    .all();
  return acts.flatMap((a) => {
    if (!a.dayKind) return [];
    const rule = { dayKind: a.dayKind, weekdays: parseWeekdays(a.weekdays) };
    const days = new Map<string, string>();
    for (const day of candidates) {
      if (!dayOffer(state.before, rule, day).offered) continue;
      const after = dayOffer(state.after, rule, day);
      if (!after.offered) days.set(day, after.reason);
    }
    return days.size ? [{ activity: a, days }] : [];
  });
}

/**
 * The booked days, from today on, that the change would take out of the calendar: weekday
 * activities of the season whose day is offered now and would not be after.
 */
export function calendarImpact(db: TDb, change: TCalendarChange, now: Date) {
  const state = afterChange(db, change);
  const today = parisDay(now);
  const lost = lostDays(db, state, today);
  const rows = lost.flatMap(({ activity, days }) =>
    db
      .select({
        reservationId: reservations.id,
        childId: children.id,
        childName: children.firstName,
        householdId: households.id,
        householdName: households.name,
        accountCode: households.accountCode,
        email: households.email,
        date: reservations.date,
        priceCents: reservations.priceCents,
      })
      .from(reservations)
      .innerJoin(children, eq(children.id, reservations.childId))
      .innerJoin(households, eq(households.id, children.householdId))
      .where(
        and(
          eq(reservations.activityId, activity.id),
          inArray(reservations.date, [...days.keys()]),
          eqConst(reservations.status, "booked"),
        ),
      )
      .all()
      .map((r) => ({ ...r, activity, reason: days.get(r.date) ?? "" })),
  );
  rows.sort(
    (x, y) =>
      x.householdName.localeCompare(y.householdName, "fr") ||
      x.householdId - y.householdId ||
      x.date.localeCompare(y.date) ||
      x.childName.localeCompare(y.childName, "fr"),
  );
  const impact: TImpact = { count: 0, creditCents: 0, familiesTotal: 0, families: [] };
  const byHousehold = new Map<number, TImpact["families"][number]>();
  for (const r of rows) {
    let family = byHousehold.get(r.householdId);
    if (!family) {
      family = {
        householdId: r.householdId,
        name: r.householdName,
        accountCode: r.accountCode,
        email: r.email,
        creditCents: 0,
        bookings: [],
      };
      byHousehold.set(r.householdId, family);
      impact.families.push(family);
    }
    const paid = r.activity.billingMode !== "postpaid" && r.priceCents > 0;
    family.bookings.push({
      reservationId: r.reservationId,
      childId: r.childId,
      childName: r.childName,
      activityId: r.activity.id,
      activityName: r.activity.name,
      date: r.date,
      priceCents: r.priceCents,
      billingMode: r.activity.billingMode,
      paid,
      reason: r.reason,
    });
    if (paid) {
      family.creditCents += r.priceCents;
      impact.creditCents += r.priceCents;
    }
    impact.count++;
  }
  impact.familiesTotal = impact.families.length;
  return { ...state, impact, lost };
}

/**
 * Waiting-list entries for days the change takes away: a place there will never be offered, so
 * the entry ends (an offer in a panier is taken back out of it).
 */
function endWaitingOnClosedDays(
  tx: TDb,
  state: ReturnType<typeof calendarImpact>,
  now: Date,
): number {
  let ended = 0;
  for (const { activity, days } of state.lost) {
    const entries = tx
      .select()
      .from(waitingList)
      .where(
        and(
          eq(waitingList.activityId, activity.id),
          inArray(waitingList.date, [...days.keys()]),
          inArray(waitingList.status, ["waiting", "offered"]),
        ),
      )
      .all();
    for (const entry of entries) {
      if (entry.status === "offered") releaseOffer(tx, entry);
      tx.update(waitingList)
        .set({ status: "cancelled", updatedAt: now.toISOString() })
        .where(eq(waitingList.id, entry.id))
        .run();
      ended++;
    }
  }
  return ended;
}

/**
 * Applies a calendar change in the caller's transaction: writes it, then cancels the days it
 * takes away (mail and credit), exactly those the admin was shown.
 */
export function applyCalendarChange(
  tx: TDb,
  args: {
    change: TCalendarChange;
    cancellation: { expected: number; reason: string };
    now: Date;
    userId: number;
    publicUrl: string;
  },
) {
  const { change, now, userId } = args;
  const state = calendarImpact(tx, change, now);
  const { impact } = state;
  if (impact.count !== args.cancellation.expected) {
    throw appError(
      "CONFLICT",
      `Les réservations concernées ont changé depuis l'aperçu (${impact.count} au lieu de ${args.cancellation.expected}) : vérifiez la liste et confirmez à nouveau.`,
    );
  }
  const reason = args.cancellation.reason.trim();
  if (impact.count > 0 && reason.length < 3) {
    throw appError(
      "INVALID",
      "Indiquez le motif : les familles le recevront par e-mail avec l'annulation.",
    );
  }
  let entityId: number;
  if (change.op === "season") {
    const s = change.season;
    const before = {
      code: state.season.code,
      label: state.season.label,
      startsOn: state.season.startsOn,
      endsOn: state.season.endsOn,
      zone: state.season.zone,
      schoolWeekdays: state.season.schoolWeekdays,
      registrationOpen: state.season.registrationOpen,
    };
    const after = { ...s, schoolWeekdays: s.schoolWeekdays.join(",") };
    assertSeasonFree(tx, s, state.season.id);
    tx.update(seasons).set(after).where(eq(seasons.id, state.season.id)).run();
    entityId = state.season.id;
    audit(tx, now, {
      actorUserId: userId,
      action: "season.update",
      entity: "season",
      entityId,
      before,
      after,
    });
  } else if (change.op === "savePeriod") {
    const values = { ...change.period, seasonId: state.season.id };
    if (state.period) {
      tx.update(calendarPeriods).set(values).where(eq(calendarPeriods.id, state.period.id)).run();
      entityId = state.period.id;
    } else {
      entityId = tx
        .insert(calendarPeriods)
        .values(values)
        .returning({ id: calendarPeriods.id })
        .get().id;
    }
    audit(tx, now, {
      actorUserId: userId,
      action: state.period ? "calendar.updatePeriod" : "calendar.createPeriod",
      entity: "calendar_period",
      entityId,
      before: state.period,
      after: { id: entityId, ...values },
    });
  } else {
    entityId = change.periodId;
    tx.delete(calendarPeriods).where(eq(calendarPeriods.id, change.periodId)).run();
    audit(tx, now, {
      actorUserId: userId,
      action: "calendar.deletePeriod",
      entity: "calendar_period",
      entityId,
      before: state.period,
      after: null,
    });
  }

  const waitingEnded = endWaitingOnClosedDays(tx, state, now);
  let cancelled = 0;
  for (const family of impact.families) {
    const byChild = new Map<
      number,
      { childName: string; days: { day: string; activity: string; amount: string }[] }
    >();
    for (const b of family.bookings) {
      const done = cancelBookedDay(tx, {
        householdId: family.householdId,
        childId: b.childId,
        childName: b.childName,
        activity: { id: b.activityId, name: b.activityName, billingMode: b.billingMode },
        date: b.date,
        priceCents: b.priceCents,
        now,
        userId,
        creditReason: `Jour annulé par la Ville (${reason}) : ${b.childName}, ${b.activityName}, ${formatDayFr(b.date)}`,
      });
      if (!done) continue;
      cancelled++;
      const entry = byChild.get(b.childId) ?? { childName: b.childName, days: [] };
      byChild.set(b.childId, entry);
      entry.days.push({
        day: formatDayFr(b.date),
        activity: b.activityName,
        amount: formatEuros(b.priceCents),
      });
    }
    queueMail(
      tx,
      {
        kind: "calendar_cancellation",
        to: family.email,
        ...calendarCancellationMail({
          name: family.name,
          reason,
          children: [...byChild.values()],
          credit: family.creditCents > 0 ? formatEuros(family.creditCents) : null,
          planningUrl: `${args.publicUrl}/espace/planning`,
        }),
        householdId: family.householdId,
        userId,
      },
      now,
    );
    audit(tx, now, {
      actorUserId: userId,
      householdId: family.householdId,
      action: "calendar.cancelBookings",
      entity: "household",
      entityId: family.householdId,
      before: { booked: family.bookings.map((b) => b.reservationId) },
      after: { cancelled: family.bookings.length, creditCents: family.creditCents, reason },
    });
  }
  if (waitingEnded > 0) {
    audit(tx, now, {
      actorUserId: userId,
      action: "calendar.endWaiting",
      entity: "season",
      entityId: state.season.id,
      after: { waitingEnded },
    });
  }
  return { entityId, cancelled, families: impact.families.length, creditCents: impact.creditCents };
}

/** Two seasons never share a day, nor a code: "the current season" must be one. */
export function assertSeasonFree(
  db: TDb,
  s: { code: string; startsOn: string; endsOn: string },
  exceptId: number | null,
) {
  const clash = db
    .select({ id: seasons.id, code: seasons.code })
    .from(seasons)
    .where(
      or(
        eq(seasons.code, s.code),
        and(lte(seasons.startsOn, s.endsOn), gte(seasons.endsOn, s.startsOn)),
      ),
    )
    .all()
    .find((r) => r.id !== exceptId);
  if (!clash) return;
  throw appError(
    "CONFLICT",
    clash.code === s.code
      ? `La saison ${s.code} existe déjà.`
      : `Ces dates chevauchent la saison ${clash.code} : deux saisons ne peuvent pas partager un jour.`,
  );
}
