/**
 * Prepares a season from another one: its activities with their settings, their tariff grids and
 * their EMS groups. Territoire Jeune sessions are dated, so they are not copied, and nothing a
 * family booked or registered is. Copies stay out of the catalogue until an admin offers them.
 */
import { activities, activityGroups, activityTypes, immediate, seasons, tariffs } from "@ef/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { ZCopyCatalogueSchema } from "./catalogue.schemas";
import { assertNoClash } from "./groups";

export const copySeasonCatalogue = adminProcedure
  .input(ZCopyCatalogueSchema)
  .output(
    z.object({
      /** Activities created in the target season (out of the catalogue). */
      copied: z.array(z.object({ id: z.number(), name: z.string() })),
      /** Activities left alone: the target season already has one with the same code. */
      skipped: z.array(z.string()),
      groups: z.number(),
      tariffLines: z.number(),
    }),
  )
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const seasonOf = (id: number) =>
        tx
          .select({ id: seasons.id, code: seasons.code })
          .from(seasons)
          .where(eq(seasons.id, id))
          .get();
      const from = seasonOf(input.fromSeasonId);
      const to = seasonOf(input.toSeasonId);
      if (!from || !to) throw appError("NOT_FOUND", "Cette saison est introuvable.");
      const source = tx
        .select()
        .from(activities)
        .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
        .where(eq(activities.seasonId, from.id))
        .orderBy(asc(activityTypes.position), asc(activities.position), asc(activities.id))
        .all()
        .map((r) => r.activities);
      if (source.length === 0) {
        throw appError("INVALID", `La saison ${from.code} n'a aucune activité à copier.`);
      }
      const present = new Set(
        tx
          .select({ code: activities.code })
          .from(activities)
          .where(
            and(
              eq(activities.seasonId, to.id),
              inArray(
                activities.code,
                source.map((a) => a.code),
              ),
            ),
          )
          .all()
          .map((a) => a.code),
      );
      const copied: { id: number; name: string }[] = [];
      const skipped: string[] = [];
      let groups = 0;
      let tariffLines = 0;
      for (const { id: sourceId, seasonId: _, active: __, ...a } of source) {
        // Copying twice adds nothing: an activity is known in a season by its code.
        if (present.has(a.code)) {
          skipped.push(a.name);
          continue;
        }
        const { id } = tx
          .insert(activities)
          .values({ ...a, seasonId: to.id, active: false })
          .returning({ id: activities.id })
          .get();
        copied.push({ id, name: a.name });
        const grid = tx.select().from(tariffs).where(eq(tariffs.activityId, sourceId)).all();
        if (grid.length > 0) {
          tx.insert(tariffs)
            .values(grid.map(({ id: _id, ...l }) => ({ ...l, activityId: id })))
            .run();
          tariffLines += grid.length;
        }
        const slots = tx
          .select()
          .from(activityGroups)
          .where(eq(activityGroups.activityId, sourceId))
          .all();
        for (const { id: _id, activityId: _a, ...g } of slots) {
          assertNoClash(tx, to.id, g);
          tx.insert(activityGroups)
            .values({ ...g, activityId: id })
            .run();
          groups += 1;
        }
      }
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "catalogue.copySeason",
        entity: "season",
        entityId: to.id,
        after: { from: from.code, to: to.code, copied: copied.map((c) => c.id), skipped },
      });
      return { copied, skipped, groups, tariffLines };
    }),
  );
