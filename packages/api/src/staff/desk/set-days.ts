import { immediate } from "@ef/db";
import { z } from "zod";
import { audit } from "../../audit";
import { applyChanges } from "../../booking/basket-service";
import { ZDeskSetDaysSchema } from "./desk.schemas";
import { deskActor, deskProcedure, withOverrideHint } from "./desk-procedure";
import { describeOverridden } from "./overridden";

/**
 * "Valider" at the desk: the family's own panier, through the parents' very function. With a
 * reason, the agent may pass a deadline or a full day; each such day is written to the audit log
 * with the reason, in the same transaction.
 */
export const deskSetDays = deskProcedure
  .input(ZDeskSetDaysSchema)
  .output(z.object({ basketId: z.number(), version: z.number(), overridden: z.number() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      let out: ReturnType<typeof applyChanges>;
      try {
        out = applyChanges(tx, {
          household: ctx.household,
          expectedVersion: input.version,
          changes: input.changes,
          now: ctx.now,
          actor: deskActor(ctx),
          override: input.override !== undefined,
        });
      } catch (error) {
        throw withOverrideHint(error);
      }
      if (input.override && out.overridden.length > 0) {
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          householdId: ctx.household.id,
          action: "desk.override",
          entity: "basket",
          entityId: out.basketId,
          after: {
            step: "panier",
            reason: input.override.reason,
            days: describeOverridden(tx, out.overridden),
          },
        });
      }
      return { basketId: out.basketId, version: out.version, overridden: out.overridden.length };
    }),
  );
