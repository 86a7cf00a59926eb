import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "../lib/format";
import { dossierStatusLabels, dossierTone, pieceStatusLabels, pieceTone } from "../lib/labels";
import { errorMessage, trpc } from "../trpc";
import { Badge } from "./badge";
import { useDecisionOutcome } from "./decision-buttons";
import { DeskPieceUpload } from "./desk-piece-upload";
import { PieceDecision } from "./piece-decision";
import { Loading, QueryError } from "./query-error";

/** "12 ko", "1,4 Mo". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} octets`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} ko`;
  return `${(bytes / 1_000_000).toFixed(1).replace(".", ",")} Mo`;
}

/**
 * The household's dossier Pass'Enfance Jeunesse: each piece, its file, accept or refuse; a piece
 * the family brings to the guichet is deposited here, then decided at once.
 */
export function DossierSection({ householdId }: { householdId: number }) {
  const dossier = useQuery(trpc.staff.dossiers.get.queryOptions({ householdId }));
  const outcome = useDecisionOutcome();
  // The piece whose deposit form is open, if any.
  const [depositing, setDepositing] = useState<string | null>(null);
  const data = dossier.data;
  return (
    <section className="panel" aria-labelledby="dossier-titre">
      <h2 id="dossier-titre">Dossier Pass'Enfance Jeunesse</h2>
      {outcome.regions}
      {dossier.isPending ? (
        <Loading />
      ) : dossier.isError ? (
        <QueryError error={dossier.error} onRetry={() => void dossier.refetch()} />
      ) : data === null || data === undefined ? (
        <p>Aucune saison en cours : pas de dossier à vérifier.</p>
      ) : (
        <>
          <p>
            {data.seasonLabel} :{" "}
            <Badge tone={dossierTone[data.status]}>
              {`Dossier ${dossierStatusLabels[data.status].toLowerCase()}`}
            </Badge>
            {data.status === "complete" && data.completedAt
              ? ` depuis le ${formatDate(data.completedAt)}`
              : null}
          </p>
          <table className="table">
            <caption className="sr-only">Pièces du dossier {data.seasonCode}</caption>
            <thead>
              <tr>
                <th scope="col">Pièce</th>
                <th scope="col">État</th>
                <th scope="col">Fichier</th>
                <th scope="col">Vérification</th>
              </tr>
            </thead>
            <tbody>
              {data.pieces.map((p) => (
                <tr key={p.kind}>
                  <th scope="row">{p.label}</th>
                  <td>
                    <Badge tone={pieceTone[p.status]}>{pieceStatusLabels[p.status]}</Badge>
                    {p.status === "refused" && p.refusalReason ? (
                      <span className="refusal"> Motif : {p.refusalReason}</span>
                    ) : null}
                  </td>
                  <td>
                    {p.file ? (
                      <>
                        <a href={p.file.url} target="_blank" rel="noopener">
                          {p.file.name}
                          <span className="sr-only"> (ouvre un nouvel onglet)</span>
                        </a>
                        <br />
                        <span className="muted">
                          {formatBytes(p.file.sizeBytes)}
                          {p.file.uploadedAt ? `, déposé le ${formatDate(p.file.uploadedAt)}` : ""}
                        </span>
                      </>
                    ) : (
                      <span className="muted">Aucun fichier</span>
                    )}
                    {p.status === "accepted" ? null : depositing === p.kind ? (
                      <DeskPieceUpload
                        householdId={householdId}
                        kind={p.kind}
                        label={p.label}
                        onSent={(message) => {
                          setDepositing(null);
                          outcome.onDecided(message);
                        }}
                        onCancel={() => setDepositing(null)}
                      />
                    ) : (
                      <div>
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={`Déposer une pièce reçue au guichet : ${p.label}`}
                          onClick={() => setDepositing(p.kind)}
                        >
                          Déposer une pièce reçue au guichet
                        </button>
                      </div>
                    )}
                  </td>
                  <td>
                    {p.status === "uploaded" && p.id !== null ? (
                      <PieceDecision
                        pieceId={p.id}
                        uploadedAt={p.file?.uploadedAt ?? null}
                        householdId={householdId}
                        label={p.label}
                        context={data.seasonCode}
                        onDecided={outcome.onDecided}
                        onFailed={(error) => outcome.onFailed(errorMessage(error))}
                      />
                    ) : p.reviewedAt ? (
                      <span className="muted">
                        {p.status === "accepted" ? "Acceptée" : "Refusée"} le{" "}
                        {formatDate(p.reviewedAt)}
                        {p.reviewerName ? ` par ${p.reviewerName}` : ""}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
