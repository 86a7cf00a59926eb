import { createFileRoute } from "@tanstack/react-router";
import { BackToSpace, Loading, Page } from "../../components/page";
import { dossierSummary, GUICHET, pieceWords, type TDossier } from "../../lib/format";
import { useOverview } from "../../lib/overview";
import { errorMessage } from "../../trpc";

export const Route = createFileRoute("/espace/dossier")({ component: Dossier });

function Dossier() {
  const overview = useOverview();
  return (
    <Page title="Mon dossier">
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <p className="alert alert--error">{errorMessage(overview.error)}</p>
      ) : overview.data.dossier ? (
        <Pieces dossier={overview.data.dossier} />
      ) : (
        <p>
          Aucune année scolaire n'est ouverte pour le moment : il n'y a pas de dossier à fournir.
        </p>
      )}
      <section aria-labelledby="envoyer">
        <h2 id="envoyer">Envoyer une pièce</h2>
        <p>
          L'envoi des pièces depuis l'Espace Famille arrive bientôt. En attendant, {GUICHET} : vous
          pouvez y déposer vos pièces.
        </p>
      </section>
      <BackToSpace />
    </Page>
  );
}

function Pieces({ dossier }: { dossier: TDossier }) {
  return (
    <section aria-labelledby="pieces">
      <h2 id="pieces">Dossier Pass'Enfance Jeunesse {dossier.seasonCode}</h2>
      <p
        className={
          dossier.status === "complete"
            ? "status-line status-line--ok"
            : "status-line status-line--todo"
        }
      >
        {dossierSummary(dossier)}
      </p>
      <ul className="list">
        {dossier.pieces.map((piece) => (
          <li key={piece.kind} className="piece">
            <span className="piece__label">{piece.label}</span>
            <span className="visually-hidden"> : </span>
            <span className={`badge badge--${piece.status}`}>{pieceWords[piece.status]}</span>
            {piece.status === "refused" && piece.refusalReason ? (
              <span className="piece__reason">Motif : {piece.refusalReason}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
