import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useDecisionOutcome } from "../../components/decision-buttons";
import { formatBytes } from "../../components/dossier-section";
import { PieceDecision } from "../../components/piece-decision";
import { MAX_PIECES } from "../../components/pieces-to-review-link";
import { Loading, QueryError } from "../../components/query-error";
import { useDocumentTitle } from "../../lib/document-title";
import { formatDate } from "../../lib/format";
import { errorMessage, trpc } from "../../trpc";

export const Route = createFileRoute("/_staff/pieces")({ component: PiecesToReviewPage });

/** The pieces families sent and no agent has checked yet, oldest first, across households. */
function PiecesToReviewPage() {
  useDocumentTitle("Pièces à vérifier");
  // Another agent may have checked some meanwhile: opening the page always asks again.
  const pieces = useQuery({ ...trpc.staff.dossiers.toReview.queryOptions(), staleTime: 0 });
  const outcome = useDecisionOutcome();
  return (
    <>
      <h1 tabIndex={-1}>Pièces à vérifier</h1>
      <p className="lead">
        Les pièces des dossiers Pass'Enfance Jeunesse envoyées par les familles. Ouvrez le fichier,
        puis acceptez ou refusez : un refus est envoyé à la famille par e-mail avec son motif. Quand
        la dernière pièce d'un dossier est acceptée, ses inscriptions en attente sont validées.
      </p>
      {outcome.regions}
      {pieces.isPending ? (
        <Loading />
      ) : pieces.isError ? (
        <QueryError error={pieces.error} onRetry={() => void pieces.refetch()} />
      ) : pieces.data.length === 0 ? (
        <p>Aucune pièce à vérifier.</p>
      ) : (
        <>
          {pieces.data.length >= MAX_PIECES ? (
            <p className="alert alert-info">
              Les {MAX_PIECES} pièces les plus anciennes sont affichées : les suivantes apparaîtront
              à mesure que celles-ci seront vérifiées.
            </p>
          ) : null}
          <table className="table">
            <caption className="sr-only">Pièces à vérifier, les plus anciennes d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Déposée le</th>
                <th scope="col">Foyer</th>
                <th scope="col">Pièce</th>
                <th scope="col">Fichier</th>
                <th scope="col">Vérification</th>
              </tr>
            </thead>
            <tbody>
              {pieces.data.map((p) => (
                <tr key={p.pieceId}>
                  <td>
                    {p.uploadedAt ? (
                      <time dateTime={p.uploadedAt}>{formatDate(p.uploadedAt)}</time>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <Link to="/foyers/$householdId" params={{ householdId: String(p.householdId) }}>
                      <span className="mono">{p.accountCode}</span> {p.householdName}
                    </Link>
                  </td>
                  <th scope="row">
                    {p.label} <span className="muted">({p.seasonCode})</span>
                  </th>
                  <td>
                    <a href={p.url} target="_blank" rel="noopener">
                      {p.fileName}
                      <span className="sr-only"> (ouvre un nouvel onglet)</span>
                    </a>
                    <br />
                    <span className="muted">{formatBytes(p.sizeBytes)}</span>
                  </td>
                  <td>
                    <PieceDecision
                      pieceId={p.pieceId}
                      uploadedAt={p.uploadedAt}
                      householdId={p.householdId}
                      label={p.label}
                      context={`${p.householdName}, ${p.accountCode}`}
                      onDecided={outcome.onDecided}
                      onFailed={(error) => outcome.onFailed(errorMessage(error))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
