import { formatDayFr, frenchPublicHolidays } from "@ef/core";
import { calendarPeriods, immediate, seasons } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import {
  applyCalendarChange,
  assertSeasonFree,
  calendarImpact,
  IMPACT_LISTED,
  ZImpactSchema,
} from "./calendar-impact";
import {
  ZAddPublicHolidaysSchema,
  ZApplyCalendarChangeSchema,
  ZCalendarChangeSchema,
  ZCreateSeasonSchema,
  ZSeasonIdSchema,
  ZSetRegistrationOpenSchema,
} from "./seasons.schemas";

const ZSeasonSchema = z.object({
  id: z.number(),
  code: z.string(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  zone: z.string(),
  schoolWeekdays: z.array(z.number()),
  registrationOpen: z.boolean(),
});

const seasonCols = {
  id: seasons.id,
  code: seasons.code,
  label: seasons.label,
  startsOn: seasons.startsOn,
  endsOn: seasons.endsOn,
  zone: seasons.zone,
  schoolWeekdays: seasons.schoolWeekdays,
  registrationOpen: seasons.registrationOpen,
};
const weekdaysOf = (text: string) =>
  text
    .split(",")
    .map(Number)
    .filter((n) => n >= 1 && n <= 7);

/** Seasons and their calendars: school days, school holidays, public holidays, closures. */
export const seasonsRouter = {
  list: adminProcedure.output(z.array(ZSeasonSchema)).query(({ ctx }) =>
    ctx.db
      .select(seasonCols)
      .from(seasons)
      .orderBy(desc(seasons.startsOn))
      .all()
      .map((s) => ({ ...s, schoolWeekdays: weekdaysOf(s.schoolWeekdays) })),
  ),

  get: adminProcedure
    .input(ZSeasonIdSchema)
    .output(
      z.object({
        season: ZSeasonSchema,
        periods: z.array(
          z.object({
            id: z.number(),
            kind: z.enum(["school_holiday", "public_holiday", "closure"]),
            label: z.string(),
            startsOn: z.string(),
            endsOn: z.string(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => {
      const season = ctx.db
        .select(seasonCols)
        .from(seasons)
        .where(eq(seasons.id, input.seasonId))
        .get();
      if (!season) throw appError("NOT_FOUND", "Cette saison est introuvable.");
      const periods = ctx.db
        .select({
          id: calendarPeriods.id,
          kind: calendarPeriods.kind,
          label: calendarPeriods.label,
          startsOn: calendarPeriods.startsOn,
          endsOn: calendarPeriods.endsOn,
        })
        .from(calendarPeriods)
        .where(eq(calendarPeriods.seasonId, season.id))
        .orderBy(asc(calendarPeriods.startsOn), asc(calendarPeriods.kind))
        .all();
      return { season: { ...season, schoolWeekdays: weekdaysOf(season.schoolWeekdays) }, periods };
    }),

  create: adminProcedure
    .input(ZCreateSeasonSchema)
    .output(z.object({ seasonId: z.number() }))
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) => {
        assertSeasonFree(tx, input, null);
        const values = { ...input, schoolWeekdays: input.schoolWeekdays.join(",") };
        const { id } = tx.insert(seasons).values(values).returning({ id: seasons.id }).get();
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          action: "season.create",
          entity: "season",
          entityId: id,
          after: { id, ...values },
        });
        return { seasonId: id };
      }),
    ),

  /** What a calendar change would cancel: the families and their booked days, before anything. */
  impact: adminProcedure
    .input(ZCalendarChangeSchema)
    .output(ZImpactSchema)
    .query(({ ctx, input }) => {
      const { impact } = calendarImpact(ctx.db, input, ctx.now);
      return { ...impact, families: impact.families.slice(0, IMPACT_LISTED) };
    }),

  /**
   * Saves a season's dates, or a holiday, public holiday or closure (or removes one), and cancels
   * the booked days it takes away — exactly those the admin was shown — with a mail each family.
   */
  applyChange: adminProcedure
    .input(ZApplyCalendarChangeSchema)
    .output(
      z.object({
        entityId: z.number(),
        cancelled: z.number(),
        families: z.number(),
        creditCents: z.number(),
      }),
    )
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) =>
        applyCalendarChange(tx, {
          change: input.change,
          cancellation: input.cancellation,
          now: ctx.now,
          userId: ctx.user.id,
          publicUrl: ctx.config.publicUrl,
        }),
      ),
    ),
  /**
   * Opens or closes the families' registrations of a season, e.g. the next school year while the
   * current one runs. Registrations already made stay; no day changes, so no preview.
   */
  setRegistrationOpen: adminProcedure
    .input(ZSetRegistrationOpenSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) => {
        const season = tx
          .select({ id: seasons.id, open: seasons.registrationOpen })
          .from(seasons)
          .where(eq(seasons.id, input.seasonId))
          .get();
        if (!season) throw appError("NOT_FOUND", "Cette saison est introuvable.");
        if (season.open !== input.open) {
          tx.update(seasons)
            .set({ registrationOpen: input.open })
            .where(eq(seasons.id, season.id))
            .run();
          audit(tx, ctx.now, {
            actorUserId: ctx.user.id,
            action: input.open ? "season.openRegistrations" : "season.closeRegistrations",
            entity: "season",
            entityId: season.id,
            before: { registrationOpen: season.open },
            after: { registrationOpen: input.open },
          });
        }
        return { ok: true as const };
      }),
    ),
  /**
   * Adds the season's French public holidays in one click, each as a one-day period, skipping the
   * days a public holiday already covers. A holiday on a day families booked is refused: it is
   * added through « Ajouter une période », which lists them and asks the reason they will read.
   */
  addPublicHolidays: adminProcedure
    .input(ZAddPublicHolidaysSchema)
    .output(
      z.object({
        added: z.array(z.object({ date: z.string(), label: z.string() })),
        already: z.number(),
      }),
    )
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) => {
        const season = tx
          .select({ id: seasons.id, startsOn: seasons.startsOn, endsOn: seasons.endsOn })
          .from(seasons)
          .where(eq(seasons.id, input.seasonId))
          .get();
        if (!season) throw appError("NOT_FOUND", "Cette saison est introuvable.");
        const added: { date: string; label: string }[] = [];
        let already = 0;
        for (const h of frenchPublicHolidays(season.startsOn, season.endsOn)) {
          const covered = tx
            .select({ id: calendarPeriods.id })
            .from(calendarPeriods)
            .where(
              and(
                eq(calendarPeriods.seasonId, season.id),
                eq(calendarPeriods.kind, "public_holiday"),
                lte(calendarPeriods.startsOn, h.date),
                gte(calendarPeriods.endsOn, h.date),
              ),
            )
            .get();
          if (covered) {
            already += 1;
            continue;
          }
          const change = {
            op: "savePeriod" as const,
            seasonId: season.id,
            periodId: null,
            period: {
              kind: "public_holiday" as const,
              label: h.label,
              startsOn: h.date,
              endsOn: h.date,
            },
          };
          const booked = calendarImpact(tx, change, ctx.now).impact.count;
          if (booked > 0) {
            throw appError(
              "CONFLICT",
              `${h.label} (${formatDayFr(h.date)} ${h.date.slice(0, 4)}) : ${booked} jour${booked > 1 ? "s" : ""} réservé${booked > 1 ? "s" : ""} ce jour-là. Ajoutez-le avec « Ajouter une période » pour voir les familles concernées ; rien n'a été ajouté.`,
            );
          }
          applyCalendarChange(tx, {
            change,
            cancellation: { expected: 0, reason: "" },
            now: ctx.now,
            userId: ctx.user.id,
            publicUrl: ctx.config.publicUrl,
          });
          added.push(h);
        }
        return { added, already };
      }),
    ),
} satisfies TRPCRouterRecord;
