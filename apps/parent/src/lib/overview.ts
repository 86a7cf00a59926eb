import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { trpc } from "../trpc";

const space = getRouteApi("/espace");

/** The logged-in parent (guaranteed by the /espace guard). */
export function useParent() {
  return space.useRouteContext().me;
}

/** The family's children, registrations and dossier. */
export function useOverview() {
  const me = useParent();
  return useQuery(trpc.household.overview.queryOptions({ householdId: me.householdId }));
}
