import { type FormEvent, useEffect, useRef, useState } from "react";
import { TextAreaField } from "./field";

/** The part of a `useZodForm` whose only typed field is the refusal's reason. */
type TReasonForm<TOut> = {
  values: { reason: string };
  errors: { reason?: string | undefined };
  set: (field: "reason", value: string) => void;
  fieldId: (field: "reason") => string;
  submit: (event: FormEvent) => TOut | null;
};

/**
 * "Accepter" (or "Valider") / "Refuser", and the refusal form with the reason the family will
 * read. The form opens with the focus in its field; "Annuler" gives the focus back to "Refuser".
 */
export function DecisionButtons<TOut>(props: {
  /** Prefix of the ids: the form is `${prefix}-formulaire`. */
  prefix: string;
  busy: boolean;
  refusing: boolean;
  setRefusing: (open: boolean | ((open: boolean) => boolean)) => void;
  acceptText?: string;
  /** Accessible names of the two buttons, when the text alone is not enough. */
  acceptLabel?: string;
  refuseLabel?: string;
  onAccept: () => void;
  formLabel: string;
  hint: string;
  form: TReasonForm<TOut>;
  onRefuse: (input: TOut) => void;
}) {
  const { prefix, busy, refusing, setRefusing, form } = props;
  const refuseRef = useRef<HTMLButtonElement>(null);
  const reasonId = form.fieldId("reason");

  // The form opens with the focus in its only field.
  useEffect(() => {
    if (refusing) document.getElementById(reasonId)?.focus();
  }, [refusing, reasonId]);

  return (
    <>
      <div className="row-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={props.acceptLabel}
          onClick={props.onAccept}
        >
          {props.acceptText ?? "Accepter"}
        </button>
        <button
          ref={refuseRef}
          type="button"
          className="button button-secondary"
          disabled={busy}
          aria-label={props.refuseLabel}
          aria-expanded={refusing}
          aria-controls={refusing ? `${prefix}-formulaire` : undefined}
          onClick={() => setRefusing((open) => !open)}
        >
          Refuser
        </button>
      </div>
      {refusing ? (
        <form
          id={`${prefix}-formulaire`}
          className="refuse-form"
          aria-label={props.formLabel}
          noValidate
          onSubmit={(e) => {
            const input = form.submit(e);
            if (input && !busy) props.onRefuse(input);
          }}
        >
          <TextAreaField
            id={reasonId}
            label="Motif du refus"
            hint={props.hint}
            required
            rows={3}
            maxLength={500}
            value={form.values.reason}
            onValue={(v) => form.set("reason", v)}
            error={form.errors.reason}
          />
          <div className="row-actions">
            <button type="submit" className="button" disabled={busy}>
              Confirmer le refus
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => {
                setRefusing(false);
                refuseRef.current?.focus();
              }}
            >
              Annuler
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** The outcome of the last decision, in two live regions that are always there. */
export function useDecisionOutcome() {
  const [outcome, setOutcome] = useState<{ kind: "ok" | "failed"; message: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  // The row and its buttons may be gone: the focus goes to what happened.
  useEffect(() => {
    if (!outcome) return;
    (outcome.kind === "ok" ? statusRef : alertRef).current?.focus();
  }, [outcome]);
  const regions = (
    <>
      <div
        ref={statusRef}
        role="status"
        tabIndex={-1}
        className={outcome?.kind === "ok" ? "alert alert-success" : "sr-only"}
      >
        {outcome?.kind === "ok" ? outcome.message : null}
      </div>
      <div
        ref={alertRef}
        role="alert"
        tabIndex={-1}
        className={outcome?.kind === "failed" ? "alert alert-error" : "sr-only"}
      >
        {outcome?.kind === "failed" ? outcome.message : null}
      </div>
    </>
  );
  return {
    regions,
    onDecided: (message: string) => setOutcome({ kind: "ok", message }),
    onFailed: (message: string) => setOutcome({ kind: "failed", message }),
  };
}
