import {
  addMonths,
  changeDeadline,
  dayOffer,
  daysOfMonth,
  eligibility,
  formatDayFr,
  formatInstantFr,
  isoWeekday,
  parisDay,
  priceFor,
  type TSeasonCalendar,
} from "@ef/core";
import {
  basketLines,
  basketRegistrationLines,
  baskets,
  children,
  eqConst,
  prepared,
  registrations,
  reservations,
  type TDb,
} from "@ef/db";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { openBasket } from "../booking/basket-service";
import {
  activityRules,
  catalogueMemo,
  seasonCalendar,
  seasonCovering,
  type TActivityRules,
  withCatalogue,
} from "../booking/catalogue";
import { usedInRange } from "../booking/counts";
import { AppError, appError } from "../errors";
import { ZMonthSchema } from "../schemas";
import { householdProcedure, type THouseholdRef } from "../trpc";

export const cellStates = [
  "booked",
  "add",
  "cancel",
  "available",
  "full",
  "closed",
  "not_offered",
] as const;

const ZCellSchema = z.object({
  childId: z.number(),
  activityId: z.number(),
  state: z.enum(cellStates),
  /** Whether the box may be ticked or unticked now. */
  editable: z.boolean(),
  /** Why the day is not offered, or the deadline in words ("mardi 1er décembre à 12:00"). */
  note: z.string().nullable(),
  /** Until when the day can be changed (ISO instant), for offered days. */
  deadline: z.string().nullable(),
  placesLeft: z.number().nullable(),
  priceCents: z.number().nullable(),
  holdLost: z.boolean(),
});

export const ZMonthOutputSchema = z.object({
  month: z.string(),
  monthLabel: z.string(),
  previous: z.string().nullable(),
  next: z.string().nullable(),
  children: z.array(
    z.object({
      id: z.number(),
      firstName: z.string(),
      activities: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          typeCode: z.string(),
          billingMode: z.string(),
          startTime: z.string().nullable(),
          endTime: z.string().nullable(),
          weekdays: z.array(z.number()).nullable(),
        }),
      ),
    }),
  ),
  days: z.array(
    z.object({
      date: z.string(),
      label: z.string(),
      weekday: z.number(),
      cells: z.array(ZCellSchema),
    }),
  ),
  basket: z.object({ id: z.number().nullable(), version: z.number(), lineCount: z.number() }),
});

type TCell = z.infer<typeof ZCellSchema>;

const monthName = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export type TMonthOutput = z.infer<typeof ZMonthOutputSchema>;

/**
 * The month planning: every day of the month, and for each child and each activity they are
 * registered to (validated), the cell's state in words the screen can show. Its answer is typed
 * by {@link ZMonthOutputSchema} but not parsed again on the way out: it is built field by field
 * here, and parsing 31 days of cells cost a fifth of the request at the opening rush (the tests
 * parse it).
 */
export const month = householdProcedure
  .input(ZMonthSchema)
  .query(
    ({ ctx, input }): TMonthOutput =>
      withCatalogue(ctx.db, () =>
        input.month ? monthPlanning(ctx, input.month) : planningToOpenOn(ctx),
      ),
  );

type TPlanningCtx = { db: TDb; now: Date; household: THouseholdRef };

/**
 * The month the planning opens on when none is asked for: the current one, unless none of its
 * days can still be changed while some of the next month's can — at the end of a month, the
 * parent lands where there is something to do (one tap back to see the month that ends).
 */
function planningToOpenOn(ctx: TPlanningCtx): TMonthOutput {
  const current = monthPlanning(ctx, parisDay(ctx.now).slice(0, 7));
  if (current.next === null || hasChangeableDay(current)) return current;
  let next: TMonthOutput;
  try {
    next = monthPlanning(ctx, current.next);
  } catch (error) {
    // No season (or calendar) covers the next month yet: nothing to book there either.
    if (error instanceof TRPCError && error.cause instanceof AppError) return current;
    throw error;
  }
  return hasChangeableDay(next) ? next : current;
}

const hasChangeableDay = (m: TMonthOutput) => m.days.some((d) => d.cells.some((c) => c.editable));

function monthPlanning(ctx: TPlanningCtx, month: string): TMonthOutput {
  const { db, now, household } = ctx;
  const { days, named: namedDays, previous: prev, next } = monthFacts(month);
  const first = days[0] ?? `${month}-01`;
  const last = days[days.length - 1] ?? first;
  const q = monthStatements(db);
  // The season this month belongs to (a month may straddle the summer: take the one it starts in).
  const season = seasonCovering(db, first, last);
  if (!season) throw appError("INVALID", "Aucune saison d'activités ne couvre ce mois.");
  const calendar = seasonCalendar(db, season.id);
  if (!calendar) throw appError("INVALID", "Aucune saison d'activités ne couvre ce mois.");

  const kids = q.kids.all({ householdId: household.id });
  const regs = q.regs.all({ householdId: household.id, seasonId: season.id });
  const rules = activityRules(db, [...new Set(regs.map((r) => r.activityId))]);
  const dayRegs = regs.filter((r) => rules.get(r.activityId)?.scheduleKind === "weekdays");

  const booked = new Set(
    q.booked.all({ householdId: household.id, first, last }).map((r) => `${r.c}:${r.a}:${r.d}`),
  );
  const basket = openBasket(db, household.id);
  const lines = new Map(
    basket
      ? q.lines
          .all({ basketId: basket.id, first, last })
          .map((l): [string, typeof l] => [`${l.c}:${l.a}:${l.d}`, l])
      : [],
  );
  const lineCount = basket ? (q.lineCount.get({ basketId: basket.id })?.n ?? 0) : 0;

  // Places: booked + live holds, per limited activity and day.
  const used = new Map<number, Map<string, number>>();
  for (const activity of rules.values()) {
    if (activity.capacity !== null)
      used.set(activity.id, usedInRange(db, activity.id, first, last, now));
  }
  const kidById = new Map(kids.map((k) => [k.id, k]));
  type TDayFacts =
    | { offered: false; reason: string }
    | {
        offered: true;
        open: boolean;
        note: string;
        deadline: string;
        placesLeft: number | null;
        priceCents: number | null;
      };
  const prices = new Map(
    [...rules.values()].map((a) => [a.id, priceFor(a.tariffs, household)?.priceCents ?? null]),
  );
  const factsOf = (activity: TActivityRules, day: TCatalogueDay): TDayFacts => {
    if (!day.offered) return day;
    const open = now.getTime() < day.cutoffMs;
    const date = day.date;
    return {
      offered: true,
      open,
      note: open ? day.openNote : day.closedNote,
      deadline: day.deadline,
      placesLeft:
        activity.capacity === null
          ? null
          : Math.max(0, activity.capacity - (used.get(activity.id)?.get(date) ?? 0)),
      priceCents: prices.get(activity.id) ?? null,
    };
  };
  // What depends only on the activity and the day is worked out once, not once per child.
  const facts = new Map<number, TDayFacts[]>();
  for (const r of dayRegs) {
    const activity = rules.get(r.activityId);
    if (activity && !facts.has(activity.id))
      facts.set(
        activity.id,
        catalogueDays(db, calendar, activity, season.id, month).map((d) => factsOf(activity, d)),
      );
  }

  const outDays = days.map((date, di) => {
    const cells: TCell[] = [];
    for (const r of dayRegs) {
      const activity = rules.get(r.activityId);
      const child = kidById.get(r.childId);
      const f = facts.get(r.activityId)?.[di];
      if (!activity || !child || !f) continue;
      const elig = f.offered ? eligibility(activity, child, date) : null;
      if (!f.offered || !elig?.ok) {
        cells.push({
          childId: child.id,
          activityId: activity.id,
          state: "not_offered",
          editable: false,
          note: f.offered ? (elig && !elig.ok ? elig.reason : null) : f.reason,
          deadline: null,
          placesLeft: null,
          priceCents: null,
          holdLost: false,
        });
        continue;
      }
      const key = `${child.id}:${activity.id}:${date}`;
      const line = lines.get(key);
      const state: TCell["state"] = booked.has(key)
        ? line?.action === "cancel"
          ? "cancel"
          : "booked"
        : line?.action === "add"
          ? "add"
          : !f.open
            ? "closed"
            : f.placesLeft === 0
              ? "full"
              : "available";
      cells.push({
        childId: child.id,
        activityId: activity.id,
        state,
        // Lines in the panier can always be taken back; the rest only before the deadline.
        editable: f.open && state !== "full",
        note: f.note,
        deadline: f.deadline,
        placesLeft: f.placesLeft,
        priceCents: f.priceCents,
        holdLost: line?.holdLost ?? false,
      });
    }
    const named = namedDays[di];
    return {
      date,
      label: named?.label ?? formatDayFr(date),
      weekday: named?.weekday ?? isoWeekday(date),
      cells,
    };
  });

  const childrenOut = kids.map((k) => ({
    id: k.id,
    firstName: k.firstName,
    activities: dayRegs
      .filter((r) => r.childId === k.id)
      .map((r) => rules.get(r.activityId))
      .filter((a) => a !== undefined)
      .map((a) => ({
        id: a.id,
        name: a.name,
        typeCode: a.typeCode,
        billingMode: a.billingMode,
        startTime: a.startTime,
        endTime: a.endTime,
        weekdays: a.weekdays,
      })),
  }));

  const seasonFirstMonth = season.startsOn.slice(0, 7);
  const today = parisDay(now).slice(0, 7);
  return {
    month,
    monthLabel: monthName.format(new Date(`${first}T00:00:00Z`)),
    previous:
      prev >= monthFacts(today).previous &&
      (prev >= seasonFirstMonth || seasonCovering(db, `${prev}-01`, `${prev}-31`))
        ? prev
        : null,
    // Only months a season covers (past this one, the next school year's, once it exists).
    next:
      next <= season.endsOn.slice(0, 7) || seasonCovering(db, `${next}-01`, `${next}-31`)
        ? next
        : null,
    children: childrenOut,
    days: outDays,
    basket: { id: basket?.id ?? null, version: basket?.version ?? 0, lineCount },
  };
}

/** What a day of an activity is from the catalogue alone: offered or why not, and its deadline. */
type TCatalogueDay =
  | { offered: false; reason: string; date: string }
  | {
      offered: true;
      date: string;
      cutoffMs: number;
      deadline: string;
      openNote: string;
      closedNote: string;
    };

/** A month of an activity's days, worked out once per catalogue version (not per request). */
function catalogueDays(
  db: TDb,
  calendar: TSeasonCalendar,
  activity: TActivityRules,
  seasonId: number,
  month: string,
): readonly TCatalogueDay[] {
  return catalogueMemo(db, `month-days:${seasonId}:${activity.id}:${month}`, () =>
    daysOfMonth(month).map((date): TCatalogueDay => {
      const offer = activity.dayKind
        ? dayOffer(calendar, { dayKind: activity.dayKind, weekdays: activity.weekdays }, date)
        : { offered: false as const, reason: "pas un jour de cette activité" };
      if (!offer.offered) return { offered: false, reason: offer.reason, date };
      const cutoff = changeDeadline(activity.deadline, date);
      const when = formatInstantFr(cutoff);
      return {
        offered: true,
        date,
        cutoffMs: cutoff.getTime(),
        deadline: cutoff.toISOString(),
        openNote: `modifiable jusqu'au ${when}`,
        closedNote: `était modifiable jusqu'au ${when}`,
      };
    }),
  );
}

type TMonthFacts = {
  days: readonly string[];
  /** The days in words ("lundi 21 décembre") and their weekday, in the order of `days`. */
  named: readonly { label: string; weekday: number }[];
  previous: string;
  next: string;
};

const monthsFacts = new Map<string, TMonthFacts>();

/** A month's days, in words too, and the months either side, worked out once per month. */
function monthFacts(month: string): TMonthFacts {
  let facts = monthsFacts.get(month);
  if (!facts) {
    const days = daysOfMonth(month);
    facts = Object.freeze({
      days: Object.freeze(days),
      named: Object.freeze(days.map((d) => ({ label: formatDayFr(d), weekday: isoWeekday(d) }))),
      previous: addMonths(month, -1),
      next: addMonths(month, 1),
    });
    if (monthsFacts.size > 100) monthsFacts.clear();
    monthsFacts.set(month, facts);
  }
  return facts;
}

/** The month planning's reads, prepared once per database. */
function monthStatements(db: TDb) {
  return prepared(db, "planning.month", (d) => ({
    kids: d
      .select({
        id: children.id,
        firstName: children.firstName,
        birthDate: children.birthDate,
        classLevel: children.classLevel,
      })
      .from(children)
      .where(eq(children.householdId, sql.placeholder("householdId")))
      .orderBy(asc(children.birthDate))
      .prepare(),
    // From the household's children (children_household_idx, then registrations_child_idx):
    // a join lets SQLite start from every validated registration of the town instead.
    regs: d
      .select({ childId: registrations.childId, activityId: registrations.activityId })
      .from(registrations)
      .where(
        and(
          inArray(
            registrations.childId,
            d
              .select({ id: children.id })
              .from(children)
              .where(eq(children.householdId, sql.placeholder("householdId"))),
          ),
          eq(registrations.status, "validated"),
          eq(registrations.seasonId, sql.placeholder("seasonId")),
        ),
      )
      .prepare(),
    booked: d
      .select({ c: reservations.childId, a: reservations.activityId, d: reservations.date })
      .from(reservations)
      .where(
        and(
          inArray(
            reservations.childId,
            d
              .select({ id: children.id })
              .from(children)
              .where(eq(children.householdId, sql.placeholder("householdId"))),
          ),
          gte(reservations.date, sql.placeholder("first")),
          lte(reservations.date, sql.placeholder("last")),
          eqConst(reservations.status, "booked"),
        ),
      )
      .prepare(),
    lines: d
      .select({
        c: basketLines.childId,
        a: basketLines.activityId,
        d: basketLines.date,
        action: basketLines.action,
        holdLost: basketLines.holdLost,
      })
      .from(basketLines)
      .where(
        and(
          eq(basketLines.basketId, sql.placeholder("basketId")),
          gte(basketLines.date, sql.placeholder("first")),
          lte(basketLines.date, sql.placeholder("last")),
        ),
      )
      .prepare(),
    lineCount: d
      .select({
        n: sql<number>`(select count(*) from ${basketLines} where ${basketLines.basketId} = ${sql.placeholder("basketId")}) + (select count(*) from ${basketRegistrationLines} where ${basketRegistrationLines.basketId} = ${sql.placeholder("basketId")})`,
      })
      .from(baskets)
      .where(eq(baskets.id, sql.placeholder("basketId")))
      .prepare(),
  }));
}
