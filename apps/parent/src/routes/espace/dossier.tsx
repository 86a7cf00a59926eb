import type { RouterOutputs } from "@ef/api";
import { useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { BackToSpace, Loading, Page } from "../../components/page";
import { PieceUploadForm } from "../../components/piece-upload";
import { dossierSummary, formatDate, formatSize, GUICHET, pieceWords } from "../../lib/format";
import { useParent } from "../../lib/overview";
import { errorMessage, trpc } from "../../trpc";

type TDossier = NonNullable<RouterOutputs["dossier"]["get"]>;
type TPiece = TDossier["pieces"][number];

export const Route = createFileRoute("/espace/dossier")({ component: Dossier });

function Dossier() {
  const me = useParent();
  const dossier = useQuery(trpc.dossier.get.queryOptions({ householdId: me.householdId }));
  return (
    <Page title="Mon dossier">
      {dossier.isPending ? (
        <Loading />
      ) : dossier.isError ? (
        <p className="alert alert--error">{errorMessage(dossier.error)}</p>
      ) : dossier.data ? (
        <Pieces dossier={dossier.data} householdId={me.householdId} />
      ) : (
        <p>
          Aucune année scolaire n'est ouverte pour le moment : il n'y a pas de dossier à fournir.
        </p>
      )}
      <p className="note">
        Une question sur une pièce ? {GUICHET.charAt(0).toUpperCase() + GUICHET.slice(1)}.
      </p>
      <BackToSpace />
    </Page>
  );
}

function Pieces({ dossier, householdId }: { dossier: TDossier; householdId: number }) {
  // One form open at a time; what was sent is said in the live region and focused.
  const [open, setOpen] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

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
      {dossier.status !== "complete" ? (
        <p>
          Envoyez chaque pièce en PDF ou en photo (JPEG, PNG), 5 Mo au plus. Le guichet unique les
          vérifie ; vous recevez un e-mail si une pièce est refusée, et quand le dossier est
          complet.
        </p>
      ) : null}
      <p ref={sentRef} tabIndex={-1} role="status" className={sent ? "alert alert--success" : ""}>
        {sent}
      </p>
      <ul className="list">
        {dossier.pieces.map((piece) => (
          <PieceItem
            key={piece.kind}
            piece={piece}
            householdId={householdId}
            open={open === piece.kind}
            onOpen={() => {
              setSent(null);
              setOpen(piece.kind);
            }}
            onClose={() => setOpen(null)}
            onSent={(message) => {
              setOpen(null);
              setSent(message);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

const actionWords: Record<Exclude<TPiece["status"], "accepted">, string> = {
  missing: "Envoyer la pièce",
  refused: "Envoyer une nouvelle pièce",
  uploaded: "Remplacer le fichier",
};

function PieceItem(props: {
  piece: TPiece;
  householdId: number;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onSent: (message: string) => void;
}) {
  const { piece } = props;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const titleId = `piece-${piece.kind}`;
  return (
    <li className="piece piece--upload" aria-labelledby={titleId}>
      <span className="piece__label" id={titleId}>
        {piece.label}
      </span>
      <span className="visually-hidden"> : </span>
      <span className={`badge badge--${piece.status}`}>{pieceWords[piece.status]}</span>
      {piece.status === "refused" && piece.refusalReason ? (
        <span className="piece__reason">Motif : {piece.refusalReason}</span>
      ) : null}
      {piece.file ? (
        <span className="piece__file">
          <a href={piece.file.url} target="_blank" rel="noopener">
            {piece.file.name}
            <span className="visually-hidden"> (ouvre un nouvel onglet)</span>
          </a>{" "}
          <span className="meta">
            — {formatSize(piece.file.sizeBytes)}
            {piece.file.uploadedAt ? `, envoyé le ${formatDate(piece.file.uploadedAt)}` : ""}
          </span>
        </span>
      ) : null}
      {piece.status === "accepted" ? null : props.open ? (
        <div className="piece__form">
          <PieceUploadForm
            householdId={props.householdId}
            kind={piece.kind}
            label={piece.label}
            onSent={props.onSent}
            onCancel={() => {
              props.onClose();
              requestAnimationFrame(() => buttonRef.current?.focus());
            }}
          />
        </div>
      ) : (
        <button
          ref={buttonRef}
          type="button"
          className={piece.status === "uploaded" ? "button" : "button button--primary"}
          onClick={props.onOpen}
          aria-describedby={titleId}
        >
          {actionWords[piece.status]}
        </button>
      )}
    </li>
  );
}
