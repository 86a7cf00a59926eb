/**
 * One invoice of "Paiements": number, month, amount, state, the PDF, "Payer", and its lines on
 * demand. "Payer" twice (or in two tabs) resumes the same PayFiP payment on the server. The
 * household's avoir is used first: the card says how much, and what is left to pay by card.
 */
import type { RouterOutputs } from "@ef/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { formatEuros } from "../lib/format";
import { useParent } from "../lib/overview";
import { errorMessage, trpc } from "../trpc";
import { useSubmitOnce } from "./form";

export type TInvoice = RouterOutputs["billing"]["list"]["invoices"][number];

const dayFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });

/** "15 janvier 2027" for a `YYYY-MM-DD` day. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

export function BillingInvoice({ invoice }: { invoice: TInvoice }) {
  const me = useParent();
  const [open, setOpen] = useState(false);
  const submitOnce = useSubmitOnce();
  const navigate = useNavigate();
  const pay = useMutation(
    trpc.billing.pay.mutationOptions({
      onSuccess: (out) => {
        // Covered by the avoir: paid already, no PayFiP; the page shows the outcome.
        if (out.status === "paid") {
          void navigate({
            to: "/espace/paiements",
            search: { facture: invoice.id, paiement: out.paymentId },
          });
          return;
        }
        window.location.assign(out.url);
      },
    }),
  );
  const leaving = pay.isPending || (pay.isSuccess && pay.data.status === "redirect");
  const byCredit = invoice.creditCents > 0;
  const allByCredit = byCredit && invoice.toPayCents === 0;
  const facture = invoice.kind === "facture";
  const titleId = `facture-${invoice.id}`;
  return (
    <li className="card" aria-labelledby={titleId}>
      <h3 id={titleId} className="card__title">
        {facture ? "Facture" : "Avoir"} {invoice.number}
      </h3>
      <p>
        Accueils périscolaires — {invoice.monthLabel}
        <br />
        Montant : <strong>{formatEuros(facture ? invoice.totalCents : -invoice.totalCents)}</strong>
      </p>
      <p>
        {!facture ? (
          <span className="badge badge--validated">Avoir porté à votre crédit</span>
        ) : invoice.status === "paid" ? (
          <span className="badge badge--validated">Payée</span>
        ) : (
          <span className="badge badge--pending">
            À payer avant le {formatDay(invoice.dueOn)}
            {invoice.paidCents > 0 ? ` — reste ${formatEuros(invoice.remainingCents)}` : ""}
          </span>
        )}
      </p>
      <p className="actions actions--stacked">
        <a className="button button--wide" href={invoice.pdfUrl} target="_blank" rel="noopener">
          Voir la facture (PDF)
        </a>
      </p>
      {facture && invoice.status === "unpaid" && byCredit ? (
        <p>
          Avoir utilisé : <strong>{formatEuros(invoice.creditCents)}</strong>
          <br />
          {allByCredit ? (
            "Votre avoir couvre cette facture : rien à payer par carte."
          ) : (
            <>
              Reste à payer : <strong>{formatEuros(invoice.toPayCents)}</strong>
            </>
          )}
        </p>
      ) : null}
      <p className="actions actions--stacked">
        {facture && invoice.status === "unpaid" ? (
          <button
            type="button"
            className="button button--primary button--wide"
            disabled={leaving}
            onClick={() =>
              submitOnce(() =>
                pay.mutateAsync({ householdId: me.householdId, invoiceId: invoice.id }),
              )
            }
          >
            {leaving
              ? allByCredit
                ? "Paiement avec votre avoir…"
                : "Redirection vers PayFiP…"
              : allByCredit
                ? "Payer avec mon avoir"
                : `Payer ${formatEuros(byCredit ? invoice.toPayCents : invoice.remainingCents)}`}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--wide"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Masquer le détail" : "Voir le détail"}
        </button>
      </p>
      {pay.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(pay.error)}
        </p>
      ) : null}
      {open ? <BillingInvoiceLines invoiceId={invoice.id} /> : null}
    </li>
  );
}

function BillingInvoiceLines({ invoiceId }: { invoiceId: number }) {
  const me = useParent();
  const detail = useQuery(
    trpc.billing.get.queryOptions({ householdId: me.householdId, invoiceId }),
  );
  if (detail.isPending) return <p className="loading">Chargement du détail…</p>;
  if (detail.isError) return <p className="alert alert--error">{errorMessage(detail.error)}</p>;
  const d = detail.data;
  return (
    <div>
      <p className="note">Tranche de QF : {d.qfLabel}</p>
      <ul className="lines">
        {d.lines.map((l) => (
          <li key={l.id} className={l.kind === "day" ? "line" : "line line--cancel"}>
            <span className="line__activity">{l.label}</span>
            <span className="visually-hidden"> — </span>
            <span className="line__price">{formatEuros(l.amountCents)}</span>
          </li>
        ))}
      </ul>
      {d.settlements.length > 0 ? (
        <ul className="outcome__facts">
          {d.settlements.map((s) => (
            <li key={s.id}>
              Réglé {formatEuros(s.amountCents)} — {s.methodLabel}
              {s.reference ? ` (${s.reference})` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
