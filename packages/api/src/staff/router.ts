import type { TRPCRouterRecord } from "@trpc/server";
import { staffAbsencesRouter } from "../absences/router";
import { attendanceRouter } from "./attendance/router";
import { staffDossiersRouter } from "./dossiers/router";
import { householdDeskRouter } from "./households/desk-router";
import { getHousehold } from "./households/get";
import { searchHouseholds } from "./households/search";
import { decideRegistration, pendingRegistrations } from "./registrations";

export const staffRouter = {
  households: {
    search: searchHouseholds,
    get: getHousehold,
    ...householdDeskRouter,
  },
  attendance: attendanceRouter,
  dossiers: staffDossiersRouter,
  absences: staffAbsencesRouter,
  registrations: {
    pending: pendingRegistrations,
    decide: decideRegistration,
  },
} satisfies TRPCRouterRecord;
