import type { TRPCRouterRecord } from "@trpc/server";
import { refundPayment } from "./refund";
import { paymentsToRefund } from "./to-refund";

/** `staff.payments.*`: closing the payments flagged for refund. */
export const staffPaymentsRouter = {
  toRefund: paymentsToRefund,
  refund: refundPayment,
} satisfies TRPCRouterRecord;
