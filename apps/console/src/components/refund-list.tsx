import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { formatDate } from "../lib/format";
import { trpc } from "../trpc";
import { formatEuros } from "./billing-download";
import { Loading, QueryError } from "./query-error";
import { RefundForm } from "./refund-form";

/**
 * The payments flagged for refund, each with "Enregistrer le remboursement", then the refunds
 * recorded. On a household's file (`householdId`) only that household's, and nothing at all when
 * it has none.
 */
export function RefundList(props: {
  householdId?: number;
  /** Opens this payment's form (from the dashboard's "Rembourser"). */
  openPaymentId?: number | undefined;
  headingLevel?: 2 | 3;
}) {
  const list = useQuery(
    trpc.staff.payments.toRefund.queryOptions(
      props.householdId === undefined ? {} : { householdId: props.householdId },
    ),
  );
  const [open, setOpen] = useState<number | null>(props.openPaymentId ?? null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (props.openPaymentId) setOpen(props.openPaymentId);
  }, [props.openPaymentId]);
  const H = props.headingLevel === 3 ? "h3" : "h2";
  const onFile = props.householdId !== undefined;
  if (list.isPending) return <Loading label="Chargement des remboursements…" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const { toRefund, refunded, totalCents } = list.data;
  if (onFile && toRefund.length === 0 && refunded.length === 0 && !done) return null;
  const idPrefix = onFile ? `foyer-${props.householdId}-` : "";
  return (
    <>
      <div aria-live="polite">
        {done ? <div className="alert alert-success">{done}</div> : null}
      </div>
      <section aria-labelledby={`${idPrefix}a-rembourser`}>
        <H id={`${idPrefix}a-rembourser`}>Paiements à rembourser</H>
        {toRefund.length === 0 ? (
          <p>Aucun paiement à rembourser.</p>
        ) : (
          <>
            <p>
              {toRefund.length > 1
                ? `${toRefund.length} paiements, ${formatEuros(totalCents)} au total.`
                : `1 paiement, ${formatEuros(totalCents)}.`}
            </p>
            <table className="table">
              <caption className="sr-only">Paiements reçus à rembourser aux familles</caption>
              <thead>
                <tr>
                  {onFile ? null : <th scope="col">Foyer</th>}
                  <th scope="col">Référence</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Payé le</th>
                  <th scope="col">Motif</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {toRefund.map((p) => (
                  <tr key={p.id}>
                    {onFile ? null : (
                      <td>
                        <Link
                          to="/foyers/$householdId"
                          params={{ householdId: String(p.household.id) }}
                        >
                          {p.household.name}{" "}
                          <span className="mono">({p.household.accountCode})</span>
                        </Link>
                      </td>
                    )}
                    <td className="mono">
                      {p.refdet}
                      {p.invoiceNumber ? (
                        <>
                          <br />
                          <span className="muted">facture {p.invoiceNumber}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{formatEuros(p.amountCents)}</td>
                    <td>{p.paidAt ? formatDate(p.paidAt) : "—"}</td>
                    <td>{p.reason}</td>
                    <td>
                      {open === p.id ? (
                        <RefundForm
                          paymentId={p.id}
                          refdet={p.refdet}
                          amountCents={p.amountCents}
                          householdName={p.household.name}
                          onDone={(message) => {
                            setOpen(null);
                            setDone(message);
                          }}
                          onCancel={() => setOpen(null)}
                        />
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={`Enregistrer le remboursement — paiement ${p.refdet}`}
                          onClick={() => {
                            setDone(null);
                            setOpen(p.id);
                          }}
                        >
                          Enregistrer le remboursement
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      {refunded.length > 0 ? (
        <section aria-labelledby={`${idPrefix}rembourses`}>
          <H id={`${idPrefix}rembourses`}>Remboursements effectués</H>
          <table className="table">
            <caption className="sr-only">Derniers remboursements enregistrés</caption>
            <thead>
              <tr>
                {onFile ? null : <th scope="col">Foyer</th>}
                <th scope="col">Référence</th>
                <th scope="col">Montant</th>
                <th scope="col">Remboursé le</th>
                <th scope="col">Moyen</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {refunded.map((p) => (
                <tr key={p.id}>
                  {onFile ? null : (
                    <td>
                      {p.household.name} <span className="mono">({p.household.accountCode})</span>
                    </td>
                  )}
                  <td className="mono">{p.refdet}</td>
                  <td>{formatEuros(p.amountCents)}</td>
                  <td>{formatDate(p.refundedAt)}</td>
                  <td>
                    {p.methodLabel}
                    {p.reference ? ` — ${p.reference}` : ""}
                  </td>
                  <td>{p.refundedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
