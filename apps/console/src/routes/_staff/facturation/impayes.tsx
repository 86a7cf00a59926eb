import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { formatEuros } from "../../../components/billing-download";
import { BillingRecordPayment } from "../../../components/billing-record-payment";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { formatDay } from "../../../lib/format";
import { trpc } from "../../../trpc";

export const Route = createFileRoute("/_staff/facturation/impayes")({ component: UnpaidPage });

/** Unpaid invoices, oldest due first; a payment received at the desk is recorded here. */
function UnpaidPage() {
  useDocumentTitle("Factures impayées");
  const unpaid = useQuery(trpc.staff.billing.unpaid.queryOptions());
  const [open, setOpen] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <h1 tabIndex={-1}>Factures impayées</h1>
      <p>
        <Link to="/facturation">← Facturation</Link>
      </p>
      <div aria-live="polite">
        {done ? <div className="alert alert-success">{done}</div> : null}
      </div>
      {unpaid.isPending ? (
        <Loading />
      ) : unpaid.isError ? (
        <QueryError error={unpaid.error} onRetry={() => void unpaid.refetch()} />
      ) : unpaid.data.length === 0 ? (
        <p>Aucune facture impayée.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Factures impayées</caption>
          <thead>
            <tr>
              <th scope="col">Numéro</th>
              <th scope="col">Foyer</th>
              <th scope="col">Mois</th>
              <th scope="col">Reste à payer</th>
              <th scope="col">Échéance</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {unpaid.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <a href={`/factures/${i.id}/${i.number}.pdf`} target="_blank" rel="noopener">
                    {i.number}
                  </a>
                </td>
                <td>
                  <Link
                    to="/facturation/releve/$householdId"
                    params={{ householdId: String(i.householdId) }}
                  >
                    <span className="mono">{i.accountCode}</span> {i.householdName}
                  </Link>
                </td>
                <td>{i.monthLabel}</td>
                <td>
                  {formatEuros(i.remainingCents)}
                  {i.paidCents ? ` sur ${formatEuros(i.totalCents)}` : ""}
                </td>
                <td>
                  {formatDay(i.dueOn)}{" "}
                  {i.overdue ? <span className="badge badge-bad">En retard</span> : null}
                </td>
                <td>
                  {open === i.id ? (
                    <BillingRecordPayment
                      invoiceId={i.id}
                      number={i.number}
                      remainingCents={i.remainingCents}
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
                      aria-label={`Enregistrer un paiement — facture ${i.number}`}
                      onClick={() => {
                        setDone(null);
                        setOpen(i.id);
                      }}
                    >
                      Enregistrer un paiement
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
