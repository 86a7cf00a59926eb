/** The panier, kept on the server: its récapitulatif and what to refetch after a change. */
import { useQuery } from "@tanstack/react-query";
import { queryClient, trpc } from "../trpc";
import { useParent } from "./overview";

/** The récapitulatif (`basket.get`): every line of the open panier, per child. */
export function useBasket() {
  const me = useParent();
  return useQuery(trpc.basket.get.queryOptions({ householdId: me.householdId }));
}

/** After any change of the panier or of the bookings: the planning and the panier again. */
export function refreshBooking(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries(trpc.planning.pathFilter()),
    queryClient.invalidateQueries(trpc.basket.pathFilter()),
  ]);
}

/** The planning month last shown, for "Modifier encore" (in memory: a reload starts afresh). */
let lastMonth: string | undefined;

export function rememberPlanningMonth(month: string): void {
  lastMonth = month;
}

export function lastPlanningMonth(): string | undefined {
  return lastMonth;
}
