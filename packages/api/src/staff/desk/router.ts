import type { TRPCRouterRecord } from "@trpc/server";
import { deskCancelRegistration } from "./cancel-registration";
import { deskConfirm } from "./confirm";
import { deskSetDays } from "./set-days";
import { deskSetPaidItems } from "./set-paid-items";

/**
 * At the desk, for a family: the planning and panier are the parents' own (`planning.month`,
 * `basket.get`, `basket.clear`, `registrations.options`, `registrations.create` answer staff for
 * any household, and so do `paidRegistrations.options` and `.setItems`); these add what only an
 * agent may do — pass a deadline or a full day (or a full EMS group or Territoire Jeune session)
 * with a reason, take the payment at the guichet, end a registration.
 */
export const deskRouter = {
  setDays: deskSetDays,
  setPaidItems: deskSetPaidItems,
  confirm: deskConfirm,
  cancelRegistration: deskCancelRegistration,
} satisfies TRPCRouterRecord;
