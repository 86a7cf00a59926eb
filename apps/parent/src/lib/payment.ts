/**
 * "Payer": what the panier costs now, the household's avoir, and the trip to PayFiP. The payment
 * lives on the server: "Payer" twice on the same panier resumes the same payment, so nothing here
 * needs to survive a reload or the browser's back button.
 */
import type { RouterOutputs } from "@ef/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { useEffect } from "react";
import { apiError, errorMessage, queryClient, trpc } from "../trpc";
import { refreshBooking } from "./basket";
import { useParent } from "./overview";

type TSummary = RouterOutputs["basket"]["get"];
type TLine = TSummary["lines"][number];

/** PayFiP's smallest amount, in cents: the avoir never leaves less than this to pay by card. */
const PAYFIP_MINIMUM = 100;

/** Days of loisirs (and other activities paid at once): paid before they are booked. */
export function paidNow(line: Pick<TLine, "billingMode">): boolean {
  return line.billingMode !== "postpaid";
}

export type TAmounts = {
  /** What "Payer" asks before the avoir: days paid at once and inscriptions en paiement. */
  toPayCents: number;
  /** The avoir the payment will use. */
  creditCents: number;
  /** What is left to pay by card. */
  dueCents: number;
  /** Added périscolaire days, on the monthly invoice. */
  postpaidCents: number;
};

/** Whether the panier has something to pay now: days of loisirs or inscriptions en paiement. */
export function hasSomethingToPay(summary: TSummary): boolean {
  return (
    summary.toPayCents > 0 ||
    summary.registrations.length > 0 ||
    summary.lines.some((l) => l.action === "add" && paidNow(l))
  );
}

/** The amounts as the server will count them when "Payer" is pressed. */
export function amountsOf(summary: TSummary, balanceCents: number): TAmounts {
  const { toPayCents } = summary;
  const postpaidCents = summary.lines
    .filter((l) => l.action === "add" && !paidNow(l))
    .reduce((s, l) => s + l.priceCents, 0);
  let creditCents = Math.min(Math.max(0, balanceCents), toPayCents);
  if (creditCents < toPayCents && toPayCents - creditCents < PAYFIP_MINIMUM) {
    creditCents = Math.max(0, toPayCents - PAYFIP_MINIMUM);
  }
  return { toPayCents, creditCents, dueCents: toPayCents - creditCents, postpaidCents };
}

/** The household's avoir, in cents (asked only when there is something to pay). */
export function useCredit(enabled: boolean) {
  const me = useParent();
  return useQuery({
    ...trpc.payment.credit.queryOptions({ householdId: me.householdId }),
    enabled,
  });
}

/** "Un paiement est en cours pour ce panier…": the panier is frozen until PayFiP answers. */
export function isPaymentInProgress(error: unknown): boolean {
  return (
    apiError(error)?.data?.appCode === "CONFLICT" &&
    errorMessage(error).startsWith("Un paiement est en cours")
  );
}

/**
 * `payment.start`, then off to PayFiP's card page (or straight to the outcome when the avoir
 * covered everything). Pending or successful, the caller keeps its button disabled: the page is
 * about to be left. Back from PayFiP through the browser's cache, the button works again.
 */
export function useStartPayment() {
  const router = useRouter();
  const mutation = useMutation(
    trpc.payment.start.mutationOptions({
      onSuccess: async (out) => {
        if (out.status === "redirect") {
          window.location.assign(out.url);
          return;
        }
        await Promise.all([
          refreshBooking(),
          queryClient.invalidateQueries(trpc.payment.pathFilter()),
        ]);
        await router.navigate({
          to: "/espace/paiement/retour",
          search: { paiement: out.paymentId },
        });
      },
      onError: async (error) => {
        // The panier changed elsewhere: show it as it is now.
        if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
      },
    }),
  );
  const { reset } = mutation;
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      // The page comes back from the browser's back-forward cache: the panier may have moved on.
      if (!event.persisted) return;
      reset();
      void refreshBooking();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [reset]);
  return mutation;
}
