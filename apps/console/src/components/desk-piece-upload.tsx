/**
 * "Déposer une pièce reçue au guichet": the family brought the paper (or a file), the agent sends
 * it into the family's dossier through the parents' own `dossier.uploadPiece` — the same checks
 * here (PDF, JPEG or PNG, 5 Mo) and on the server (content). The piece then waits for a decision,
 * which the agent may take at once.
 */
import type { RouterInputs } from "@ef/api";
import { PIECE_ACCEPT, pieceFileProblem } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { readBase64 } from "../lib/files";
import { errorMessage, queryClient, trpc } from "../trpc";
import { formatBytes } from "./dossier-section";

type TKind = RouterInputs["dossier"]["uploadPiece"]["kind"];

export function DeskPieceUpload(props: {
  householdId: number;
  kind: TKind;
  label: string;
  onSent: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"idle" | "reading" | "sending">("idle");
  const [readPercent, setReadPercent] = useState(0);
  // One send at a time: a second click while reading or sending does nothing.
  const busy = useRef(false);

  // The form opens with the focus on its only field.
  useEffect(() => {
    fileInput.current?.focus();
  }, []);

  const upload = useMutation(
    trpc.dossier.uploadPiece.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.staff.dossiers.get.queryKey({ householdId: props.householdId }),
        });
        void queryClient.invalidateQueries({
          queryKey: trpc.staff.households.get.queryKey({ householdId: props.householdId }),
        });
        props.onSent(
          `« ${props.label} » est déposée dans le dossier de la famille : vous pouvez la vérifier maintenant.`,
        );
      },
    }),
  );
  const pending = phase !== "idle" || upload.isPending;

  const choose = (next: File | null) => {
    setFile(next);
    upload.reset();
    setFileError(next ? pieceFileProblem(next) : null);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy.current) return;
    const problem = file ? pieceFileProblem(file) : "Choisissez un fichier à déposer.";
    if (problem || !file) {
      setFileError(problem);
      fileInput.current?.focus();
      return;
    }
    busy.current = true;
    try {
      setPhase("reading");
      setReadPercent(0);
      const contentBase64 = await readBase64(file, setReadPercent);
      setPhase("sending");
      await upload.mutateAsync({
        householdId: props.householdId,
        kind: props.kind,
        file: { fileName: file.name, contentBase64 },
      });
    } catch (error) {
      // The browser could not read the file; the server's refusals show through the mutation.
      if (error instanceof DOMException) {
        setFileError("Ce fichier n'a pas pu être lu. Choisissez-le à nouveau.");
      }
    } finally {
      busy.current = false;
      setPhase("idle");
    }
  };

  const errorId = `${id}-erreur`;
  const hintId = `${id}-aide`;
  return (
    <form
      className="desk-piece-upload"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-label={`Déposer « ${props.label} » reçue au guichet`}
    >
      {upload.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(upload.error)}
        </div>
      ) : null}
      <div className={fileError ? "field field-invalid" : "field"}>
        <label htmlFor={id}>Fichier pour « {props.label} »</label>
        <p className="field-hint" id={hintId}>
          PDF, JPEG ou PNG, 5 Mo au plus (le document scanné ou photographié au guichet).
        </p>
        <input
          ref={fileInput}
          id={id}
          name="piece"
          type="file"
          accept={PIECE_ACCEPT}
          disabled={pending}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={[hintId, fileError ? errorId : null].filter(Boolean).join(" ")}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        {file && !fileError ? (
          <p className="muted">
            {file.name} — {formatBytes(file.size)}
          </p>
        ) : null}
        {fileError ? (
          <p className="field-error" id={errorId}>
            {fileError}
          </p>
        ) : null}
      </div>
      {pending ? (
        <p role="status">
          <label htmlFor={`${id}-progres`}>
            {phase === "reading"
              ? `Préparation du fichier… ${readPercent} %`
              : "Dépôt du fichier dans le dossier…"}
          </label>{" "}
          {phase === "reading" ? (
            <progress id={`${id}-progres`} max={100} value={readPercent} />
          ) : (
            <progress id={`${id}-progres`} />
          )}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Dépôt en cours…" : "Déposer"}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={props.onCancel}
        >
          Annuler
        </button>
      </div>
    </form>
  );
}
