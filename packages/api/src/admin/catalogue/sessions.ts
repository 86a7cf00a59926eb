/**
 * Territoire Jeune sessions: a dated outing or workshop with an age range, places and a price.
 * Places never go below what families took; a session anybody registered to stays.
 */
import { activities, activitySessions, activityTypes, immediate, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { ZCreateSessionSchema, ZSessionIdSchema, ZUpdateSessionSchema } from "./catalogue.schemas";
import { assertItemPlaces, itemReferences, itemTaken } from "./usage";

function loadTjActivity(db: TDb, activityId: number) {
  const a = db
    .select({ id: activities.id, typeCode: activityTypes.code })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.id, activityId))
    .get();
  if (!a) throw appError("NOT_FOUND", "Cette activité est introuvable.");
  if (a.typeCode !== "territoire_jeune") {
    throw appError("INVALID", "Seules les activités Territoire Jeune ont des séances datées.");
  }
  return a;
}

function loadSession(db: TDb, sessionId: number) {
  const s = db.select().from(activitySessions).where(eq(activitySessions.id, sessionId)).get();
  if (!s) throw appError("NOT_FOUND", "Cette séance est introuvable.");
  return s;
}

const ZOk = z.object({ ok: z.literal(true) });

export const createSession = adminProcedure
  .input(ZCreateSessionSchema)
  .output(z.object({ sessionId: z.number() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const a = loadTjActivity(tx, input.activityId);
      const values = { ...input.session, activityId: a.id };
      const { id } = tx
        .insert(activitySessions)
        .values(values)
        .returning({ id: activitySessions.id })
        .get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "session.create",
        entity: "activity_session",
        entityId: id,
        after: { id, ...values },
      });
      return { sessionId: id };
    }),
  );

export const updateSession = adminProcedure
  .input(ZUpdateSessionSchema)
  .output(ZOk)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadSession(tx, input.sessionId);
      if (input.session.capacity < before.capacity) {
        assertItemPlaces(tx, { sessionId: before.id }, input.session.capacity, ctx.now);
      }
      // Families registered for a date and time keep them: another slot is a new session.
      const moved =
        input.session.date !== before.date ||
        input.session.startTime !== before.startTime ||
        input.session.endTime !== before.endTime;
      if (moved && itemTaken(tx, { sessionId: before.id }, ctx.now) > 0) {
        throw appError(
          "CONFLICT",
          "La date et l'horaire ne peuvent plus changer : des familles sont inscrites à cette séance. Créez une nouvelle séance pour le nouveau créneau.",
        );
      }
      tx.update(activitySessions)
        .set(input.session)
        .where(eq(activitySessions.id, before.id))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "session.update",
        entity: "activity_session",
        entityId: before.id,
        before,
        after: { ...before, ...input.session },
      });
      return { ok: true as const };
    }),
  );

export const deleteSession = adminProcedure
  .input(ZSessionIdSchema)
  .output(ZOk)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadSession(tx, input.sessionId);
      const refs = itemReferences(tx, { sessionId: before.id });
      if (refs.total > 0) {
        throw appError(
          "CONFLICT",
          `Cette séance ne peut pas être supprimée : ${refs.registrations} inscription(s), ${refs.basketLines} panier(s) en cours et ${refs.waiting} famille(s) en liste d'attente la concernent. Vous pouvez réduire ses places au nombre déjà pris.`,
        );
      }
      tx.delete(activitySessions).where(eq(activitySessions.id, before.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "session.delete",
        entity: "activity_session",
        entityId: before.id,
        before,
        after: null,
      });
      return { ok: true as const };
    }),
  );
