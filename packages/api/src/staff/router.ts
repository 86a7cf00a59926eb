import type { TRPCRouterRecord } from "@trpc/server";
import { staffBillingRouter } from "../billing/staff";
import { staffAbsencesRouter } from "../absences/router";
import { attendanceRouter } from "./attendance/router";
import { deskRouter } from "./desk/router";
import { dashboardRouter } from "./dashboard/router";
import { staffDossiersRouter } from "./dossiers/router";
import { householdDeskRouter } from "./households/desk-router";
import { getHousehold } from "./households/get";
import { searchHouseholds } from "./households/search";
import { staffMailRouter } from "./mail/router";
import { decideRegistration, pendingRegistrations } from "./registrations";

export const staffRouter = {
  households: {
    search: searchHouseholds,
    get: getHousehold,
    ...householdDeskRouter,
  },
  attendance: attendanceRouter,
  billing: staffBillingRouter,
  desk: deskRouter,
  dashboard: dashboardRouter,
  mail: staffMailRouter,
  dossiers: staffDossiersRouter,
  absences: staffAbsencesRouter,
  registrations: {
    pending: pendingRegistrations,
    decide: decideRegistration,
  },
} satisfies TRPCRouterRecord;
