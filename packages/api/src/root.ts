import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { adminRouter } from "./admin/router";
import { authRouter } from "./auth/router";
import { contentRouter } from "./content/router";
import { householdRouter } from "./household/router";
import { staffRouter } from "./staff/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  content: contentRouter,
  household: householdRouter,
  staff: staffRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(ctx)`: calls procedures without HTTP (tests, jobs). */
export const createCaller = createCallerFactory(appRouter);
