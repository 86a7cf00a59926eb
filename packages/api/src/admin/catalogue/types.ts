/** The four activity types: their code drives how activities run; admins name and order them. */
import { activities, activityTypes, immediate } from "@ef/db";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { ZUpdateActivityTypeSchema } from "./catalogue.schemas";

export const listActivityTypes = adminProcedure
  .output(
    z.array(
      z.object({
        id: z.number(),
        code: z.enum(["periscolaire", "loisirs", "ems", "territoire_jeune"]),
        label: z.string(),
        description: z.string(),
        position: z.number(),
        activities: z.number(),
      }),
    ),
  )
  .query(({ ctx }) => {
    const counts = new Map(
      ctx.db
        .select({ typeId: activities.typeId, n: sql<number>`count(*)` })
        .from(activities)
        .groupBy(activities.typeId)
        .all()
        .map((r) => [r.typeId, r.n]),
    );
    return ctx.db
      .select({
        id: activityTypes.id,
        code: activityTypes.code,
        label: activityTypes.label,
        description: activityTypes.description,
        position: activityTypes.position,
      })
      .from(activityTypes)
      .orderBy(asc(activityTypes.position))
      .all()
      .map((t) => ({ ...t, activities: counts.get(t.id) ?? 0 }));
  });

export const updateActivityType = adminProcedure
  .input(ZUpdateActivityTypeSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = tx
        .select({
          label: activityTypes.label,
          description: activityTypes.description,
          position: activityTypes.position,
        })
        .from(activityTypes)
        .where(eq(activityTypes.id, input.typeId))
        .get();
      if (!before) throw appError("NOT_FOUND", "Ce type d'activité est introuvable.");
      const { typeId, ...after } = input;
      tx.update(activityTypes).set(after).where(eq(activityTypes.id, typeId)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "activityType.update",
        entity: "activity_type",
        entityId: typeId,
        before,
        after,
      });
      return { ok: true as const };
    }),
  );
