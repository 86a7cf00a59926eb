import { immediate } from "@ef/db";
import { z } from "zod";
import { applyChanges } from "../../booking/basket-service";
import { ZDeskSetDaysSchema } from "./desk.schemas";
import { auditOverride, deskActor, deskProcedure, withOverrideHintOn } from "./desk-procedure";
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
      const out = withOverrideHintOn(() =>
        applyChanges(tx, {
          household: ctx.household,
          expectedVersion: input.version,
          changes: input.changes,
          now: ctx.now,
          actor: deskActor(ctx),
          override: input.override !== undefined,
        }),
      );
      if (input.override && out.overridden.length > 0) {
        auditOverride(tx, ctx, {
          householdId: ctx.household.id,
          basketId: out.basketId,
          step: "panier",
          reason: input.override.reason,
          passed: { days: describeOverridden(tx, out.overridden) },
        });
      }
      return { basketId: out.basketId, version: out.version, overridden: out.overridden.length };
    }),
  );
