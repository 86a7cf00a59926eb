import { payments } from "@ef/db";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of the console's "Remboursements" (payments flagged for refund). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const at = "2026-11-30T10:00:00.000Z";
  const flagged = fx.db
    .insert(payments)
    .values({
      householdId: fx.martin,
      amountCents: 1200,
      refdet: "EF202600000777",
      exer: 2026,
      objet: "test",
      mel: "m@example.fr",
      status: "paid",
      paidAt: at,
      expiresAt: at,
      needsRefund: true,
      refundNote: "le panier payé n'existe plus.",
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: payments.id })
    .get();
  return {
    "staff.payments.toRefund": {
      audience: "agent",
      call: (c) => c.staff.payments.toRefund({}),
    },
    "staff.payments.refund": {
      audience: "agent",
      call: (c) =>
        c.staff.payments.refund({
          paymentId: flagged.id,
          method: "virement",
          reference: "VIR-2026-001",
          familyAgreed: false,
        }),
    },
  };
}
