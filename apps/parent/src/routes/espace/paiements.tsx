import { useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useEffect } from "react";
import { BillingInvoice } from "../../components/billing-invoice";
import { BackToSpace, Loading, Page } from "../../components/page";
import { formatDate, formatEuros, GUICHET } from "../../lib/format";
import { useParent } from "../../lib/overview";
import { errorMessage, queryClient, trpc } from "../../trpc";

type TSearch = {
  /** Back from PayFiP: the invoice and the payment. */
  facture?: number | undefined;
  paiement?: number | undefined;
};

const positive = (v: unknown) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
};

export const Route = createFileRoute("/espace/paiements")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    facture: positive(search.facture),
    paiement: positive(search.paiement),
  }),
  component: Payments,
});

const STATUS_WORDS = {
  pending: "en cours",
  paid: "payé",
  refused: "refusé",
  cancelled: "annulé",
  expired: "expiré",
} as const;

/** "Paiements": invoices, the way back from PayFiP, receipts, credits, history, balance. */
function Payments() {
  const me = useParent();
  const { paiement } = Route.useSearch();
  const list = useQuery(trpc.billing.list.queryOptions({ householdId: me.householdId }));
  return (
    <Page title="Paiements">
      {paiement ? <BillingReturn paymentId={paiement} /> : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(list.error)}
        </p>
      ) : (
        <>
          <section aria-labelledby="solde">
            <h2 id="solde">Mon solde</h2>
            <div className="totals">
              <p className="total total--due">
                Reste à payer sur mes factures : <strong>{formatEuros(list.data.dueCents)}</strong>
              </p>
              <p className="total">
                Avoir disponible : <strong>{formatEuros(list.data.creditBalanceCents)}</strong>
              </p>
            </div>
          </section>
          <section aria-labelledby="factures">
            <h2 id="factures">Mes factures</h2>
            <p className="note">
              Les accueils périscolaires sont facturés chaque mois, après le mois écoulé. Payez en
              ligne par carte bancaire (PayFiP) ou au guichet unique : espèces, chèque, CESU.
            </p>
            {list.data.invoices.length === 0 ? (
              <p>Vous n'avez pas encore de facture.</p>
            ) : (
              <ul className="list">
                {list.data.invoices.map((i) => (
                  <BillingInvoice key={i.id} invoice={i} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="recus">
            <h2 id="recus">Mes reçus</h2>
            {list.data.settlements.length === 0 ? (
              <p>Aucun règlement de facture pour le moment.</p>
            ) : (
              <ul className="list">
                {list.data.settlements.map((s) => (
                  <li key={s.id} className="card">
                    Facture {s.invoiceNumber} — <strong>{formatEuros(s.amountCents)}</strong>
                    <br />
                    {s.methodLabel}
                    {s.reference ? ` — ${s.reference}` : ""}, le {formatDate(s.recordedAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="avoirs">
            <h2 id="avoirs">Mes avoirs</h2>
            {list.data.credits.length === 0 ? (
              <p>Aucun avoir.</p>
            ) : (
              <ul className="list">
                {list.data.credits.map((c) => (
                  <li key={c.id} className="card">
                    <strong>
                      {c.amountCents > 0 ? "+" : "−"} {formatEuros(Math.abs(c.amountCents))}
                    </strong>{" "}
                    — {c.reason}, le {formatDate(c.createdAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="historique">
            <h2 id="historique">Paiements en ligne et tickets</h2>
            {list.data.payments.length === 0 ? (
              <p>Aucun paiement en ligne.</p>
            ) : (
              <ul className="list">
                {list.data.payments.map((p) => (
                  <li key={p.id} className="card">
                    {p.forInvoice ? "Facture" : "Réservations"} — référence {p.refdet} —{" "}
                    <strong>{formatEuros(p.amountCents)}</strong>
                    {p.creditCents > 0 && p.status === "paid"
                      ? ` + avoir utilisé ${formatEuros(p.creditCents)}`
                      : ""}
                    <br />
                    {STATUS_WORDS[p.status]}, le {formatDate(p.at)}
                    {p.numauto && p.numauto !== "AVOIR" && p.status === "paid"
                      ? ` — autorisation ${p.numauto}`
                      : ""}
                    {p.needsRefund ? " — remboursement en cours par le guichet unique" : ""}
                    {p.refundedAt
                      ? ` — ${p.refundMethodLabel === "Avoir du foyer" ? "porté à votre avoir" : `remboursé (${(p.refundMethodLabel ?? "").toLowerCase()})`} le ${formatDate(p.refundedAt)}`
                      : ""}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p className="note">
            Une question sur une facture ? {GUICHET.charAt(0).toUpperCase() + GUICHET.slice(1)}.
          </p>
        </>
      )}
      <BackToSpace />
    </Page>
  );
}

/** Back from PayFiP: asks the server (which asks PayFiP) until the payment is settled. */
function BillingReturn({ paymentId }: { paymentId: number }) {
  const me = useParent();
  const status = useQuery({
    ...trpc.payment.status.queryOptions({ householdId: me.householdId, paymentId }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.status === "pending" ? 2000 : false),
  });
  const settled = status.data && status.data.status !== "pending";
  useEffect(() => {
    if (!settled) return;
    void queryClient.invalidateQueries(trpc.billing.pathFilter());
    void queryClient.invalidateQueries(trpc.payment.credit.pathFilter());
  }, [settled]);
  const p = status.data;
  let tone = "wait";
  let title = "Paiement en cours";
  let text = "Nous attendons la réponse de PayFiP…";
  if (status.isError) {
    tone = "error";
    title = "Paiement introuvable";
    text = errorMessage(status.error);
  } else if (p?.needsRefund) {
    tone = "warn";
    title = "Paiement reçu, remboursement à venir";
    text =
      "Cette facture était déjà réglée : votre paiement ne sera pas compté deux fois. Le guichet unique va vous rembourser.";
  } else if (p?.refunded) {
    tone = "warn";
    title = "Paiement remboursé";
    text = p.message;
  } else if (p?.status === "paid" && p.amountCents === 0) {
    tone = "ok";
    title = "Facture payée avec votre avoir";
    text = `Votre avoir a réglé ${formatEuros(p.creditCents)} : rien n'a été payé par carte. Le reçu vous a été envoyé par e-mail.`;
  } else if (p?.status === "paid") {
    tone = "ok";
    title = "Paiement accepté";
    text = `Votre facture est payée (référence ${p.refdet})${p.creditCents > 0 ? `, dont ${formatEuros(p.creditCents)} avec votre avoir` : ""}. Le reçu vous a été envoyé par e-mail.`;
  } else if (p && p.status !== "pending") {
    tone = "error";
    title = p.status === "refused" ? "Paiement refusé" : "Paiement non abouti";
    text = "Rien n'a été débité. Vous pouvez payer à nouveau.";
  }
  return (
    <div role="status" className={`outcome outcome--${tone}`}>
      <h2 className="outcome__title">{title}</h2>
      <p className={tone === "wait" ? "loading" : undefined}>{text}</p>
    </div>
  );
}
