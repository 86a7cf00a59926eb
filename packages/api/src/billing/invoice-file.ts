import { formatEuros, formatMonthFr, parisDay } from "@ef/core";
import { households, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import type { TSessionUser } from "../session-store";
import { settledCents } from "./pay";
import { invoicePdf } from "./pdf";
import { invoiceOf, linesOf } from "./queries";
import { longDay } from "./run";

/**
 * The invoice's PDF for a logged-in person: its own household's parent or staff; anyone else
 * gets null (the server answers 404, as for an id that does not exist).
 */
export function invoicePdfFor(
  db: TDb,
  user: Pick<TSessionUser, "role" | "householdId" | "mustChangePassword"> | null,
  invoiceId: number,
): { fileName: string; bytes: Buffer } | null {
  if (!user || user.mustChangePassword) return null;
  const invoice = invoiceOf(db, invoiceId);
  if (!invoice) return null;
  const isStaff = user.role === "agent" || user.role === "admin";
  if (!isStaff && user.householdId !== invoice.householdId) return null;
  const household = db
    .select({ accountCode: households.accountCode })
    .from(households)
    .where(eq(households.id, invoice.householdId))
    .get();
  const paid = settledCents(db, invoice.id);
  const facture = invoice.kind === "facture";
  const remaining = Math.max(0, invoice.totalCents - paid);
  const bytes = invoicePdf({
    kind: invoice.kind,
    number: invoice.number,
    issuedOn: longDay(parisDay(new Date(invoice.issuedAt))),
    dueOn: longDay(invoice.dueOn),
    monthLabel: formatMonthFr(invoice.month),
    billedName: invoice.billedName,
    billedAddress: invoice.billedAddress,
    accountCode: household?.accountCode ?? "",
    qfLabel: invoice.qfLabel,
    resident: invoice.resident,
    lines: linesOf(db, invoice.id).map((l) => ({
      label: l.label,
      amount: formatEuros(l.amountCents),
    })),
    total: formatEuros(invoice.totalCents),
    paid: facture && paid > 0 ? formatEuros(paid) : null,
    remaining: facture && invoice.status !== "paid" ? formatEuros(remaining) : null,
    status: !facture ? "avoir" : invoice.status === "paid" ? "payée" : "à payer",
    refdet: invoice.number.replaceAll("-", ""),
  });
  return { fileName: `${invoice.number}.pdf`, bytes };
}
