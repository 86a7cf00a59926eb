import type { TRPCRouterRecord } from "@trpc/server";
import { getHousehold } from "./households/get";
import { searchHouseholds } from "./households/search";

export const staffRouter = {
  households: {
    search: searchHouseholds,
    get: getHousehold,
  },
} satisfies TRPCRouterRecord;
