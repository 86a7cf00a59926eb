import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { absencesRouter } from "./absences/router";
import { adminRouter } from "./admin/router";
import { authRouter } from "./auth/router";
import { basketRouter } from "./basket/router";
import { billingRouter } from "./billing/router";
import { contentRouter } from "./content/router";
import { dossierRouter } from "./dossier/router";
import { householdRouter } from "./household/router";
import { paidRegistrationsRouter } from "./paid-registrations/router";
import { paymentRouter } from "./payment/router";
import { planningRouter } from "./planning/router";
import { registrationsRouter } from "./registrations/router";
import { staffRouter } from "./staff/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";
import { waitingListRouter } from "./waiting-list/router";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  content: contentRouter,
  household: householdRouter,
  dossier: dossierRouter,
  registrations: registrationsRouter,
  planning: planningRouter,
  basket: basketRouter,
  payment: paymentRouter,
  billing: billingRouter,
  paidRegistrations: paidRegistrationsRouter,
  waitingList: waitingListRouter,
  absences: absencesRouter,
  staff: staffRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(ctx)`: calls procedures without HTTP (tests, jobs). */
export const createCaller = createCallerFactory(appRouter);
