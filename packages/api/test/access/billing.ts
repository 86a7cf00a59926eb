import { reservations } from "@ef/db";
import { computeRun, issueRun } from "../../src/billing/run";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of facturation (the family's "Paiements" and the console's billing). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  // October lunches for Léa, invoiced: an invoice of the Martin household to read and pay.
  const at = new Date("2026-11-02T08:00:00Z");
  for (const date of ["2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09"]) {
    fx.db
      .insert(reservations)
      .values({
        childId: fx.lea,
        activityId: fx.resto,
        date,
        status: "booked",
        priceCents: 380,
        createdAt: at.toISOString(),
      })
      .run();
  }
  issueRun(fx.db, computeRun(fx.db, "2026-10"), {
    month: "2026-10",
    now: at,
    userId: null,
    publicUrl: "http://localhost:3000",
  });
  const invoice = fx.db.$client
    .prepare("select id from invoices where month = '2026-10' and household_id = ?")
    .get(fx.martin) as { id: number };
  const invoiceId = invoice.id;
  const householdId = fx.martin;
  return {
    "billing.list": { audience: "household", call: (c) => c.billing.list({ householdId }) },
    "billing.get": {
      audience: "household",
      call: (c) => c.billing.get({ householdId, invoiceId }),
    },
    "billing.pay": {
      audience: "household",
      call: (c) => c.billing.pay({ householdId, invoiceId }),
    },
    "staff.billing.preview": {
      audience: "agent",
      call: (c) => c.staff.billing.preview({ month: "2026-11" }),
    },
    "staff.billing.issue": {
      audience: "agent",
      call: (c) => c.staff.billing.issue({ month: "2026-11" }),
    },
    "staff.billing.unpaid": { audience: "agent", call: (c) => c.staff.billing.unpaid() },
    "staff.billing.recordPayment": {
      audience: "agent",
      call: (c) =>
        c.staff.billing.recordPayment({
          invoiceId,
          amount: "1,00",
          method: "especes",
          reference: "",
        }),
    },
    "staff.billing.exportCsv": {
      audience: "agent",
      call: (c) => c.staff.billing.exportCsv({ month: "2026-10" }),
    },
    "staff.billing.statement": {
      audience: "agent",
      call: (c) => c.staff.billing.statement({ householdId }),
    },
  };
}
