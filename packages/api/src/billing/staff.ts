/**
 * Facturation at the guichet: the month's preview and issue, unpaid invoices, a payment received
 * at the desk, the month's export for the treasury, a household's account statement.
 */
import { formatMonthFr, parisDay } from "@ef/core";
import { eqConst, households, immediate, invoiceSettlements, invoices } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { ZHouseholdIdSchema } from "../schemas";
import { csvField } from "../staff/attendance/export-csv";
import { agentProcedure } from "../trpc";
import {
  centsOf,
  settlementMethodLabels,
  ZBillingMonthSchema,
  ZIssuedInvoiceSchema,
  ZPreviewHouseholdSchema,
  ZRecordPaymentSchema,
} from "./billing.schemas";
import { creditBalance, recordSettlementIn, settledCents } from "./pay";
import { issuedWhere } from "./queries";
import { assertMonthOver, issueMonth, longDay, previewMonth } from "./run";

const preview = agentProcedure
  .input(ZBillingMonthSchema)
  .output(
    z.object({
      month: z.string(),
      monthLabel: z.string(),
      /** Why the month cannot be issued (not over), or null. */
      refusal: z.string().nullable(),
      households: z.array(ZPreviewHouseholdSchema),
      totalCents: z.number(),
      issued: z.array(ZIssuedInvoiceSchema),
    }),
  )
  .query(async ({ ctx, input }) => {
    let refusal: string | null = null;
    try {
      assertMonthOver(input.month, ctx.now);
    } catch (error) {
      refusal = error instanceof Error ? error.message : "Ce mois ne peut pas être facturé.";
    }
    const run = refusal ? [] : await previewMonth(ctx.db, input.month);
    const rows = run.map((h) => {
      const all = [...h.facture, ...h.avoir];
      return {
        householdId: h.householdId,
        accountCode: h.accountCode,
        name: h.name,
        qfLabel: h.qfLabel,
        days: all.filter((l) => l.kind === "day").length,
        excused: all.filter((l) => l.kind === "excused").length,
        credits: all.filter((l) => l.kind === "credit").length,
        totalCents: h.facture.reduce((s, l) => s + l.amountCents, 0),
        avoirCents: -h.avoir.reduce((s, l) => s + l.amountCents, 0),
        lines: all.map((l) => ({ label: l.label, amountCents: l.amountCents })),
      };
    });
    return {
      month: input.month,
      monthLabel: formatMonthFr(input.month),
      refusal,
      households: rows,
      totalCents: rows.reduce((s, r) => s + r.totalCents, 0),
      issued: issuedWhere(ctx.db, and(eq(invoices.month, input.month))),
    };
  });

const issue = agentProcedure
  .input(ZBillingMonthSchema)
  .output(z.object({ factures: z.number(), avoirs: z.number(), totalCents: z.number() }))
  .mutation(async ({ ctx, input }) => {
    assertMonthOver(input.month, ctx.now);
    // Written in chunks (see issueMonth): a town's run never holds the write lock for long.
    const { longestMs: _, ...result } = await issueMonth(ctx.db, {
      month: input.month,
      now: ctx.now,
      userId: ctx.user.id,
      publicUrl: ctx.config.publicUrl,
    });
    immediate(ctx.db, (tx) =>
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "billing.issue",
        entity: "invoice_run",
        entityId: input.month,
        after: result,
      }),
    );
    return result;
  });

const unpaid = agentProcedure
  .output(z.array(ZIssuedInvoiceSchema.extend({ overdue: z.boolean() })))
  .query(({ ctx }) => {
    const today = parisDay(ctx.now);
    return issuedWhere(
      ctx.db,
      and(eq(invoices.status, "unpaid"), eqConst(invoices.kind, "facture")),
    )
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.number.localeCompare(b.number))
      .map((i) => ({ ...i, overdue: i.dueOn < today }));
  });

const recordPayment = agentProcedure
  .input(ZRecordPaymentSchema)
  .output(z.object({ paid: z.boolean(), remainingCents: z.number(), number: z.string() }))
  .mutation(({ ctx, input }) => {
    const amountCents = centsOf(input.amount);
    if (amountCents <= 0) throw appError("INVALID", "Le montant doit être supérieur à zéro.");
    return immediate(ctx.db, (tx) => {
      const invoice = tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).get();
      if (invoice?.kind !== "facture") {
        throw appError("NOT_FOUND", "Cette facture est introuvable.");
      }
      if (invoice.status === "paid") throw appError("CONFLICT", "Cette facture est déjà payée.");
      const remaining = invoice.totalCents - settledCents(tx, invoice.id);
      if (amountCents > remaining) {
        throw appError(
          "INVALID",
          `Le montant dépasse le reste à payer de la facture (${(remaining / 100).toFixed(2).replace(".", ",")} €).`,
        );
      }
      const household = tx
        .select({ id: households.id, name: households.name, email: households.email })
        .from(households)
        .where(eq(households.id, invoice.householdId))
        .get();
      if (!household) throw appError("NOT_FOUND");
      if (input.method === "avoir") {
        const balance = creditBalance(tx, household.id);
        if (amountCents > balance) {
          throw appError(
            "INVALID",
            `L'avoir du foyer ne suffit pas : ${(balance / 100).toFixed(2).replace(".", ",")} € disponibles.`,
          );
        }
      }
      const result = recordSettlementIn(tx, {
        invoice,
        household,
        amountCents,
        method: input.method,
        reference: input.reference,
        paymentId: null,
        userId: ctx.user.id,
        now: ctx.now,
        publicUrl: ctx.config.publicUrl,
      });
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: household.id,
        action: "billing.record_payment",
        entity: "invoice",
        entityId: invoice.id,
        after: { amountCents, method: input.method, reference: input.reference, ...result },
      });
      return { ...result, number: invoice.number };
    });
  });

/** French spreadsheets: UTF-8 with BOM, `;`. */
const exportCsv = agentProcedure
  .input(ZBillingMonthSchema)
  .output(z.object({ fileName: z.string(), csv: z.string() }))
  .query(({ ctx, input }) => {
    const rows = issuedWhere(ctx.db, and(eq(invoices.month, input.month)));
    const euros = (c: number) => (c / 100).toFixed(2).replace(".", ",");
    const header = [
      "Numéro",
      "Type",
      "Mois",
      "Émise le",
      "Échéance",
      "Foyer",
      "Nom",
      "Montant",
      "Réglé",
      "Reste à payer",
      "État",
    ];
    const lines = rows.map((r) => [
      r.number,
      r.kind === "facture" ? "Facture" : "Avoir",
      r.month,
      parisDay(new Date(r.issuedAt)),
      r.dueOn,
      r.accountCode,
      r.householdName,
      euros(r.totalCents),
      euros(r.paidCents),
      euros(r.remainingCents),
      r.status === "paid" ? "Payée" : "À payer",
    ]);
    const csv = [header, ...lines].map((l) => l.map(csvField).join(";")).join("\r\n");
    return { fileName: `facturation-${input.month}.csv`, csv: `\uFEFF${csv}\r\n` };
  });

const statement = agentProcedure
  .input(ZHouseholdIdSchema)
  .output(
    z.object({
      household: z.object({ id: z.number(), accountCode: z.string(), name: z.string() }),
      entries: z.array(
        z.object({
          date: z.string(),
          label: z.string(),
          invoiceId: z.number(),
          debitCents: z.number(),
          creditCents: z.number(),
          balanceCents: z.number(),
        }),
      ),
      balanceCents: z.number(),
      creditBalanceCents: z.number(),
    }),
  )
  .query(({ ctx, input }) => {
    const household = ctx.db
      .select({ id: households.id, accountCode: households.accountCode, name: households.name })
      .from(households)
      .where(eq(households.id, input.householdId))
      .get();
    if (!household) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
    const docs = ctx.db.select().from(invoices).where(eq(invoices.householdId, household.id)).all();
    const settlements = docs.length
      ? ctx.db
          .select()
          .from(invoiceSettlements)
          .where(
            inArray(
              invoiceSettlements.invoiceId,
              docs.map((d) => d.id),
            ),
          )
          .all()
      : [];
    const numbers = new Map(docs.map((d) => [d.id, d.number]));
    type TEntry = { at: string; label: string; invoiceId: number; debit: number; credit: number };
    const raw: TEntry[] = [
      ...docs.map((d) =>
        d.kind === "facture"
          ? {
              at: d.issuedAt,
              label: `Facture ${d.number} — ${formatMonthFr(d.month)} (échéance ${longDay(d.dueOn)})`,
              invoiceId: d.id,
              debit: d.totalCents,
              credit: 0,
            }
          : {
              // A credit note adds to the household's avoir, used by later payments.
              at: d.issuedAt,
              label: `Avoir ${d.number} — ${(-d.totalCents / 100).toFixed(2).replace(".", ",")} € porté au crédit du foyer`,
              invoiceId: d.id,
              debit: 0,
              credit: 0,
            },
      ),
      ...settlements.map((s) => ({
        at: s.recordedAt,
        label: `Règlement ${numbers.get(s.invoiceId) ?? ""} — ${settlementMethodLabels[s.method] ?? s.method}${s.reference ? ` (${s.reference})` : ""}`,
        invoiceId: s.invoiceId,
        debit: 0,
        credit: s.amountCents,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    let balance = 0;
    const entries = raw.map((e) => {
      balance += e.debit - e.credit;
      return {
        date: parisDay(new Date(e.at)),
        label: e.label,
        invoiceId: e.invoiceId,
        debitCents: e.debit,
        creditCents: e.credit,
        balanceCents: balance,
      };
    });
    return {
      household,
      entries,
      balanceCents: balance,
      creditBalanceCents: creditBalance(ctx.db, household.id),
    };
  });

/** `staff.billing.*` */
export const staffBillingRouter = {
  preview,
  issue,
  unpaid,
  recordPayment,
  exportCsv,
  statement,
} satisfies TRPCRouterRecord;
