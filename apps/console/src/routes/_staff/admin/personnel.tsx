import { useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { Badge } from "../../../components/badge";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { roleLabels } from "../../../lib/labels";
import { trpc } from "../../../trpc";

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
export const Route = createFileRoute("/_staff/admin/personnel")({
  component: StaffAccountsPage,
});

function StaffAccountsPage() {
  useDocumentTitle("Comptes du personnel");
  const accounts = useQuery(trpc.admin.staffAccounts.list.queryOptions());
  return (
    <>
      <p className="breadcrumb">Administration</p>
      <h1 tabIndex={-1}>Comptes du personnel</h1>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <p>Aucun compte du personnel.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Comptes des agents et administrateurs</caption>
          <thead>
            <tr>
              <th scope="col">Nom d'utilisateur</th>
              <th scope="col">Nom</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.login}</td>
                <th scope="row">{a.displayName}</th>
                <td>{roleLabels[a.role]}</td>
                <td>
                  {a.disabled ? (
                    <Badge tone="bad">Désactivé</Badge>
                  ) : (
                    <Badge tone="ok">Actif</Badge>
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
