import type { TRPCRouterRecord } from "@trpc/server";
import { deskCancelRegistration } from "./cancel-registration";
import { deskConfirm } from "./confirm";
import { deskSetDays } from "./set-days";

/**
 * At the desk, for a family: the planning and panier are the parents' own (`planning.month`,
 * `basket.get`, `basket.clear`, `registrations.options`, `registrations.create` answer staff for
 * any household); these add what only an agent may do — pass a deadline or a full day with a
 * reason, take the payment at the guichet, end a registration.
 */
export const deskRouter = {
  setDays: deskSetDays,
  confirm: deskConfirm,
  cancelRegistration: deskCancelRegistration,
} satisfies TRPCRouterRecord;
