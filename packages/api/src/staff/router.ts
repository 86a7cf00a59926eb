import type { TRPCRouterRecord } from "@trpc/server";
import { getHousehold } from "./households/get";
import { searchHouseholds } from "./households/search";
import { decideRegistration, pendingRegistrations } from "./registrations";

export const staffRouter = {
  households: {
    search: searchHouseholds,
    get: getHousehold,
  },
  registrations: {
    pending: pendingRegistrations,
    decide: decideRegistration,
  },
} satisfies TRPCRouterRecord;
