/**
 * EMS groups: a weekly slot (day, time, place, coach) with an age range and its own places.
 * Places never go below what families took; a group anybody registered to stays.
 */
import { groupClash } from "@ef/core";
import { activities, activityGroups, activityTypes, immediate, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import {
  type TGroupFields,
  ZCreateGroupSchema,
  ZGroupIdSchema,
  ZUpdateGroupSchema,
} from "./catalogue.schemas";
import { assertItemPlaces, itemReferences, itemTaken } from "./usage";

const WEEKDAYS = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/** Refuses a slot where its place or its coach is already taken by a group of the season. */
export function assertNoClash(db: TDb, seasonId: number, group: TGroupFields, exceptId?: number) {
  const others = db
    .select({
      id: activityGroups.id,
      name: activityGroups.name,
      weekday: activityGroups.weekday,
      startTime: activityGroups.startTime,
      endTime: activityGroups.endTime,
      location: activityGroups.location,
      coach: activityGroups.coach,
      activityName: activities.name,
    })
    .from(activityGroups)
    .innerJoin(activities, eq(activities.id, activityGroups.activityId))
    .where(eq(activities.seasonId, seasonId))
    .all();
  const clash = groupClash({ ...group, id: exceptId }, others);
  if (!clash) return;
  const other = others.find((o) => o.id === clash.group.id);
  const slot = `${WEEKDAYS[clash.group.weekday]} ${clash.group.startTime}–${clash.group.endTime}`;
  throw appError(
    "CONFLICT",
    clash.why === "place"
      ? `Horaire en conflit : « ${clash.group.name} » (${other?.activityName}) occupe déjà ${clash.group.location} le ${slot}.`
      : `Horaire en conflit : ${clash.group.coach} encadre déjà « ${clash.group.name} » (${other?.activityName}) le ${slot}.`,
  );
}

function loadEmsActivity(db: TDb, activityId: number) {
  const a = db
    .select({ id: activities.id, seasonId: activities.seasonId, typeCode: activityTypes.code })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.id, activityId))
    .get();
  if (!a) throw appError("NOT_FOUND", "Cette activité est introuvable.");
  if (a.typeCode !== "ems") {
    throw appError(
      "INVALID",
      "Seules les activités de l'École Municipale des Sports ont des groupes.",
    );
  }
  return a;
}

function loadGroup(db: TDb, groupId: number) {
  const g = db.select().from(activityGroups).where(eq(activityGroups.id, groupId)).get();
  if (!g) throw appError("NOT_FOUND", "Ce groupe est introuvable.");
  return g;
}

const ZOk = z.object({ ok: z.literal(true) });

export const createGroup = adminProcedure
  .input(ZCreateGroupSchema)
  .output(z.object({ groupId: z.number() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const a = loadEmsActivity(tx, input.activityId);
      assertNoClash(tx, a.seasonId, input.group);
      const values = { ...input.group, activityId: a.id };
      const { id } = tx
        .insert(activityGroups)
        .values(values)
        .returning({ id: activityGroups.id })
        .get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "group.create",
        entity: "activity_group",
        entityId: id,
        after: { id, ...values },
      });
      return { groupId: id };
    }),
  );

export const updateGroup = adminProcedure
  .input(ZUpdateGroupSchema)
  .output(ZOk)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadGroup(tx, input.groupId);
      const a = loadEmsActivity(tx, before.activityId);
      assertNoClash(tx, a.seasonId, input.group, before.id);
      if (input.group.capacity < before.capacity) {
        assertItemPlaces(tx, { groupId: before.id }, input.group.capacity, ctx.now);
      }
      // Families chose this slot: moving it under them would change what they paid for.
      const moved =
        input.group.weekday !== before.weekday ||
        input.group.startTime !== before.startTime ||
        input.group.endTime !== before.endTime;
      const taken = moved ? itemTaken(tx, { groupId: before.id }, ctx.now) : 0;
      if (taken > 0) {
        throw appError(
          "CONFLICT",
          `Le jour et l'horaire ne peuvent plus changer : ${taken} place${taken > 1 ? "s sont prises" : " est prise"} dans ce groupe. Créez un nouveau groupe pour le nouveau créneau.`,
        );
      }
      tx.update(activityGroups).set(input.group).where(eq(activityGroups.id, before.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "group.update",
        entity: "activity_group",
        entityId: before.id,
        before,
        after: { ...before, ...input.group },
      });
      return { ok: true as const };
    }),
  );

export const deleteGroup = adminProcedure
  .input(ZGroupIdSchema)
  .output(ZOk)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadGroup(tx, input.groupId);
      const refs = itemReferences(tx, { groupId: before.id });
      if (refs.total > 0) {
        throw appError(
          "CONFLICT",
          `Ce groupe ne peut pas être supprimé : ${refs.registrations} inscription(s), ${refs.basketLines} panier(s) en cours et ${refs.waiting} famille(s) en liste d'attente le concernent. Vous pouvez réduire ses places au nombre déjà pris.`,
        );
      }
      tx.delete(activityGroups).where(eq(activityGroups.id, before.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "group.delete",
        entity: "activity_group",
        entityId: before.id,
        before,
        after: null,
      });
      return { ok: true as const };
    }),
  );
