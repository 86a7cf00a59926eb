import { immediate } from "@ef/db";
import { z } from "zod";
import { setPaidItemsIn } from "../../paid-registrations/set-items";
import { ZDeskSetPaidItemsSchema } from "./desk.schemas";
import { auditOverride, deskProcedure, withOverrideHintOn } from "./desk-procedure";

/**
 * "Valider" of "Inscriptions en paiement" at the desk: the parents' very function on the family's
 * panier. With a reason, a full EMS group or Territoire Jeune session is put in all the same (a
 * closed one is not: the season or its deadline decides); the audit log keeps the reason.
 */
export const deskSetPaidItems = deskProcedure
  .input(ZDeskSetPaidItemsSchema)
  .output(z.object({ basketId: z.number(), version: z.number(), overridden: z.number() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const out = withOverrideHintOn(() =>
        setPaidItemsIn(tx, {
          household: ctx.household,
          input,
          now: ctx.now,
          override: input.override !== undefined,
        }),
      );
      if (input.override && out.overridden.length > 0) {
        auditOverride(tx, ctx, {
          householdId: ctx.household.id,
          basketId: out.basketId,
          step: "inscriptions en paiement",
          reason: input.override.reason,
          passed: { items: out.overridden },
        });
      }
      return { basketId: out.basketId, version: out.version, overridden: out.overridden.length };
    }),
  );
