import { waitingList } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../errors";
import { ZBasketSchema, ZJoinWaitingListSchema, ZLeaveWaitingListSchema } from "../schemas";
import { householdProcedure } from "../trpc";
import { joinWaitingList, myEntries, releaseOffer } from "./service";

/** "Liste d'attente" for full days, EMS groups and Territoire Jeune sessions. */
export const waitingListRouter = {
  join: householdProcedure
    .input(ZJoinWaitingListSchema)
    .output(z.object({ id: z.number(), position: z.number(), label: z.string() }))
    .mutation(({ ctx, input }) =>
      joinWaitingList(
        ctx.db,
        ctx.household,
        input.childId,
        {
          activityId: input.activityId,
          date: input.date,
          groupId: input.groupId,
          sessionId: input.sessionId,
        },
        ctx.now,
      ),
    ),

  mine: householdProcedure
    .input(ZBasketSchema)
    .output(
      z.array(
        z.object({
          id: z.number(),
          childId: z.number(),
          childName: z.string(),
          label: z.string(),
          status: z.enum(["waiting", "offered", "taken", "expired", "cancelled"]),
          offerExpiresAt: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx }) => myEntries(ctx.db, ctx.household, ctx.now)),

  leave: householdProcedure
    .input(ZLeaveWaitingListSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => {
      const entry = ctx.db
        .select()
        .from(waitingList)
        .where(
          and(eq(waitingList.id, input.entryId), eq(waitingList.householdId, ctx.household.id)),
        )
        .get();
      // Leaving an offered place frees it at once for the next family.
      if (entry?.status === "offered") releaseOffer(ctx.db, entry);
      const done = ctx.db
        .update(waitingList)
        .set({ status: "cancelled", updatedAt: ctx.now.toISOString() })
        .where(
          and(
            eq(waitingList.id, input.entryId),
            eq(waitingList.householdId, ctx.household.id),
            inArray(waitingList.status, ["waiting", "offered"]),
          ),
        )
        .run();
      if (done.changes !== 1) {
        // Leaving twice (a double tap) is fine; another family's entry does not exist here.
        const mine = ctx.db
          .select({ id: waitingList.id })
          .from(waitingList)
          .where(
            and(eq(waitingList.id, input.entryId), eq(waitingList.householdId, ctx.household.id)),
          )
          .get();
        if (!mine)
          throw appError("NOT_FOUND", "Cette inscription sur liste d'attente est introuvable.");
      }
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
