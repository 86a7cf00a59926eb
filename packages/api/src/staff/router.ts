import type { TRPCRouterRecord } from "@trpc/server";
import { staffAbsencesRouter } from "../absences/router";
import { staffBillingRouter } from "../billing/staff";
import { attendanceRouter } from "./attendance/router";
import { dashboardRouter } from "./dashboard/router";
import { deskRouter } from "./desk/router";
import { staffDossiersRouter } from "./dossiers/router";
import { householdDeskRouter } from "./households/desk-router";
import { getHousehold } from "./households/get";
import { searchHouseholds } from "./households/search";
import { staffMailRouter } from "./mail/router";
import { staffPaymentsRouter } from "./payments/router";
import { decideRegistration, pendingRegistrations } from "./registrations";

export const staffRouter = {
  households: {
    search: searchHouseholds,
    get: getHousehold,
    ...householdDeskRouter,
  },
  attendance: attendanceRouter,
  desk: deskRouter,
  billing: staffBillingRouter,
  absences: staffAbsencesRouter,
  dossiers: staffDossiersRouter,
  dashboard: dashboardRouter,
  mail: staffMailRouter,
  payments: staffPaymentsRouter,
  registrations: {
    pending: pendingRegistrations,
    decide: decideRegistration,
  },
} satisfies TRPCRouterRecord;
