import { formatEuros } from "@ef/core";
import { immediate } from "@ef/db";
import { z } from "zod";
import { audit } from "../../audit";
import { basketSummary } from "../../basket/summary";
import { confirmBasketIn, openBasket, type TConfirmResult } from "../../booking/basket-service";
import { registrationLinesOf } from "../../booking/registration-lines";
import { appError } from "../../errors";
import { deskPaymentMethodLabels, ZDeskConfirmSchema } from "./desk.schemas";
import { auditOverride, deskActor, deskProcedure, withOverrideHintOn } from "./desk-procedure";
import { describeOverridden } from "./overridden";

/**
 * "Terminer" at the desk: the parents' confirmation (same checks, same mail), for the agent.
 * Days to pay (accueils de loisirs) are confirmed only with the payment received at the guichet;
 * passing a deadline or a full day needs a reason. Both land in the audit log.
 */
export const deskConfirm = deskProcedure
  .input(ZDeskConfirmSchema)
  .output(
    z.object({
      repeated: z.boolean(),
      added: z.number(),
      cancelled: z.number(),
      totalCents: z.number(),
      paidAtDeskCents: z.number(),
      overridden: z.number(),
    }),
  )
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { household } = ctx;
      const open = openBasket(tx, household.id);
      // A stale or already confirmed panier is answered by the confirmation itself.
      const toPay =
        open && open.id === input.basketId && open.version === input.version
          ? basketSummary(tx, open, household, ctx.now).toPayCents
          : 0;
      if (toPay > 0 && !input.deskPayment) {
        throw appError(
          "INVALID",
          `Ce panier contient ${formatEuros(toPay)} à payer : indiquez le règlement reçu au guichet (espèces, chèque ou CESU), ou laissez la famille payer en ligne avec « Payer ».`,
        );
      }
      // EMS groups and TJ sessions full by now: registered only with the reason, and logged.
      const fullItems =
        input.override && open && open.id === input.basketId
          ? registrationLinesOf(tx, open.id, household, ctx.now)
              .filter((r) => r.placesLeft < 1)
              .map((r) => `${r.childName} — ${r.label}`)
          : [];
      const payment = toPay > 0 ? input.deskPayment : undefined;
      const how = payment
        ? `${deskPaymentMethodLabels[payment.method].toLowerCase()}${payment.reference ? `, ${payment.reference}` : ""}`
        : "";
      const out: TConfirmResult = withOverrideHintOn(() =>
        confirmBasketIn(tx, {
          household,
          basketId: input.basketId,
          version: input.version,
          now: ctx.now,
          actor: deskActor(ctx),
          planningUrl: `${ctx.config.publicUrl}/espace/planning`,
          override: input.override !== undefined,
          paidAtDesk: payment
            ? { note: `Réglé au guichet unique (${how}) : ${formatEuros(toPay)}.` }
            : undefined,
        }),
      );
      const overridden = out.overridden ?? [];
      if (input.override && (overridden.length > 0 || fullItems.length > 0)) {
        auditOverride(tx, ctx, {
          householdId: household.id,
          basketId: input.basketId,
          step: "confirmation",
          reason: input.override.reason,
          passed: {
            days: describeOverridden(tx, overridden),
            ...(fullItems.length > 0 ? { items: fullItems } : {}),
          },
        });
      }
      if (payment && !out.repeated) {
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          householdId: household.id,
          action: "desk.payment",
          entity: "basket",
          entityId: input.basketId,
          after: { amountCents: toPay, method: payment.method, reference: payment.reference },
        });
      }
      return {
        repeated: out.repeated,
        added: out.added,
        cancelled: out.cancelled,
        totalCents: out.totalCents,
        paidAtDeskCents: payment && !out.repeated ? toPay : 0,
        overridden: overridden.length + (out.repeated ? 0 : fullItems.length),
      };
    }),
  );
