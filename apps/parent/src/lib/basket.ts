/** The panier, kept on the server: its récapitulatif and what to refetch after a change. */
import { useQuery } from "@tanstack/react-query";
import { queryClient, trpc } from "../trpc";
import { MONTH_PATTERN } from "./dates";
import { useParent } from "./overview";

/** The récapitulatif (`basket.get`): every line of the open panier, per child. */
export function useBasket() {
  const me = useParent();
  return useQuery(trpc.basket.get.queryOptions({ householdId: me.householdId }));
}

/**
 * After any change of the panier or of the bookings: the planning, the panier, the places of the
 * inscriptions en paiement, the waiting lists (an offer lives in the panier) and the registrations.
 */
export function refreshBooking(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries(trpc.planning.pathFilter()),
    queryClient.invalidateQueries(trpc.basket.pathFilter()),
    queryClient.invalidateQueries(trpc.paidRegistrations.pathFilter()),
    queryClient.invalidateQueries(trpc.waitingList.pathFilter()),
    queryClient.invalidateQueries(trpc.household.pathFilter()),
  ]);
}

/**
 * The planning month last shown, for "Modifier encore" and "Voir mon planning". Kept for the tab
 * (session storage), so that it survives the round trip to PayFiP; in memory if storage is refused.
 */
const MONTH_KEY = "ef-planning-month";
let lastMonth: string | undefined;

export function rememberPlanningMonth(month: string): void {
  lastMonth = month;
  try {
    sessionStorage.setItem(MONTH_KEY, month);
  } catch {
    // Private browsing may refuse storage: the month is kept in memory only.
  }
}

export function lastPlanningMonth(): string | undefined {
  if (lastMonth) return lastMonth;
  try {
    const stored = sessionStorage.getItem(MONTH_KEY);
    return stored && MONTH_PATTERN.test(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}
