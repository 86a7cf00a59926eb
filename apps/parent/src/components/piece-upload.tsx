/**
 * One piece of the dossier: choose a file, checked here for size and type (the server checks the
 * content), read in base64, sent once with progress in words. Used for a missing or refused piece,
 * and to replace a file the guichet unique has not looked at yet.
 */
import type { RouterInputs } from "@ef/api";
import { PIECE_ACCEPT, pieceFileProblem } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { readBase64 } from "../lib/files";
import { formatSize } from "../lib/format";
import { errorMessage, queryClient, trpc } from "../trpc";
import { FormAlert, SubmitButton, useSubmitOnce } from "./form";

type TKind = RouterInputs["dossier"]["uploadPiece"]["kind"];

export function PieceUploadForm(props: {
  householdId: number;
  kind: TKind;
  label: string;
  /** Sent: the page says so and closes the form. */
  onSent: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"idle" | "reading" | "sending">("idle");
  const [readPercent, setReadPercent] = useState(0);
  const submitOnce = useSubmitOnce();

  // The form opens with the focus on its only field.
  useEffect(() => {
    fileInput.current?.focus();
  }, []);

  const upload = useMutation(
    trpc.dossier.uploadPiece.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.dossier.get.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.household.overview.queryKey() }),
        ]);
        props.onSent(`« ${props.label} » est envoyée : le guichet unique va la vérifier.`);
      },
    }),
  );
  const pending = phase !== "idle" || upload.isPending;

  const choose = (next: File | null) => {
    setFile(next);
    upload.reset();
    setFileError(next ? pieceFileProblem(next) : null);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    submitOnce(async () => {
      const problem = file ? pieceFileProblem(file) : "Choisissez un fichier à envoyer.";
      if (problem || !file) {
        setFileError(problem);
        fileInput.current?.focus();
        return;
      }
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
        // The browser could not read the file (moved, deleted, no permission); the server's
        // refusals show through the mutation's own state.
        if (error instanceof DOMException) {
          setFileError("Ce fichier n'a pas pu être lu. Choisissez-le à nouveau.");
        }
        throw error;
      } finally {
        setPhase("idle");
      }
    });
  };

  const errorId = `${id}-erreur`;
  const hintId = `${id}-aide`;
  return (
    <form
      className="piece-upload"
      noValidate
      onSubmit={onSubmit}
      aria-label={`Envoyer « ${props.label} »`}
    >
      {upload.isError ? <FormAlert>{errorMessage(upload.error)}</FormAlert> : null}
      <div className={fileError ? "field field--error" : "field"}>
        <label htmlFor={id}>Fichier pour « {props.label} »</label>
        <p className="field__hint" id={hintId}>
          PDF, JPEG ou PNG, 5 Mo au plus. Une photo nette du document convient.
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
          <p className="meta">
            {file.name} — {formatSize(file.size)}
          </p>
        ) : null}
        {fileError ? (
          <p className="field__error" id={errorId}>
            <span aria-hidden="true">⚠ </span>
            {fileError}
          </p>
        ) : null}
      </div>
      {pending ? (
        <p className="loading" role="status">
          <label htmlFor={`${id}-progres`}>
            {phase === "reading"
              ? `Préparation du fichier… ${readPercent} %`
              : "Envoi du fichier au guichet unique…"}
          </label>{" "}
          {phase === "reading" ? (
            <progress id={`${id}-progres`} max={100} value={readPercent} />
          ) : (
            <progress id={`${id}-progres`} />
          )}
        </p>
      ) : null}
      <div className="actions">
        <SubmitButton pending={pending} label="Envoyer" pendingLabel="Envoi en cours…" />
        <button type="button" className="button" disabled={pending} onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
