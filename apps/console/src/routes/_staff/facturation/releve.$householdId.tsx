import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { formatEuros } from "../../../components/billing-download";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { formatDay } from "../../../lib/format";
import { trpc } from "../../../trpc";

export const Route = createFileRoute("/_staff/facturation/releve/$householdId")({
  component: StatementPage,
});

/** A household's account statement: invoices, credit notes, payments, running balance. */
function StatementPage() {
  const { householdId } = Route.useParams();
  const id = Number(householdId);
  const statement = useQuery(trpc.staff.billing.statement.queryOptions({ householdId: id }));
  useDocumentTitle(
    statement.data ? `Relevé de compte — ${statement.data.household.name}` : "Relevé de compte",
  );
  const data = statement.data;
  return (
    <>
      <h1 tabIndex={-1}>Relevé de compte{data ? ` — ${data.household.name}` : ""}</h1>
      <p>
        <Link to="/foyers/$householdId" params={{ householdId }}>
          ← Dossier du foyer
        </Link>
      </p>
      {statement.isPending ? (
        <Loading />
      ) : statement.isError ? (
        <QueryError error={statement.error} onRetry={() => void statement.refetch()} />
      ) : data ? (
        <>
          <p>
            Compte <span className="mono">{data.household.accountCode}</span> — reste à payer :{" "}
            <strong>{formatEuros(data.balanceCents)}</strong> — avoir disponible :{" "}
            <strong>{formatEuros(data.creditBalanceCents)}</strong>
          </p>
          {data.entries.length === 0 ? (
            <p>Aucune facture pour ce foyer.</p>
          ) : (
            <table className="table">
              <caption className="sr-only">Relevé de compte de {data.household.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Opération</th>
                  <th scope="col">Débit</th>
                  <th scope="col">Crédit</th>
                  <th scope="col">Solde</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e, i) => (
                  <tr key={`${i}-${e.label}`}>
                    <td>{formatDay(e.date)}</td>
                    <td>{e.label}</td>
                    <td>{e.debitCents ? formatEuros(e.debitCents) : ""}</td>
                    <td>{e.creditCents ? formatEuros(e.creditCents) : ""}</td>
                    <td>{formatEuros(e.balanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => window.print()}
            >
              Imprimer le relevé
            </button>
          </div>
        </>
      ) : null}
    </>
  );
}
