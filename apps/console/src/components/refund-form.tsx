import { refundMethodLabels, type TRefundPayment, ZRefundPaymentSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useZodForm } from "../lib/use-zod-form";
import { queryClient, trpc } from "../trpc";
import { formatEuros } from "./billing-download";
import { SelectField } from "./catalogue-form";
import { Field, FormAlert } from "./field";

/**
 * "Enregistrer le remboursement" of one flagged payment: how the money went back and its
 * reference, or an avoir for the household when the family agreed. Same rules as the server.
 */
export function RefundForm(props: {
  paymentId: number;
  refdet: string;
  amountCents: number;
  householdName: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const prefix = `remboursement-${props.paymentId}`;
  // The agreement is a boolean for the schema; "familyAgreed" among the fields places its message.
  const [agreed, setAgreed] = useState(false);
  const form = useZodForm<"method" | "reference" | "familyAgreed", TRefundPayment>({
    id: prefix,
    schema: ZRefundPaymentSchema,
    initial: { method: "", reference: "", familyAgreed: "" },
    fixed: { paymentId: props.paymentId, familyAgreed: agreed },
  });
  const asCredit = form.values.method === "avoir";
  const refund = useMutation(
    trpc.staff.payments.refund.mutationOptions({
      onSuccess: async (out) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.staff.payments.pathFilter()),
          queryClient.invalidateQueries(trpc.staff.dashboard.pathFilter()),
          queryClient.invalidateQueries(trpc.staff.billing.pathFilter()),
        ]);
        props.onDone(
          out.creditId !== null
            ? `Paiement ${props.refdet} : ${formatEuros(out.amountCents)} portés à l'avoir du foyer ${props.householdName}. La famille en est informée par e-mail.`
            : `Remboursement du paiement ${props.refdet} enregistré (${formatEuros(out.amountCents)}). La famille en est informée par e-mail.`,
        );
      },
      onError: (error) => form.showServerError(error),
    }),
  );
  const methodError = form.errors.method;
  const agreedError = form.errors.familyAgreed;
  return (
    <form
      className="refuse-form"
      noValidate
      aria-label={`Remboursement du paiement ${props.refdet}`}
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !refund.isPending) refund.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      <p>
        Montant à rembourser : <strong>{formatEuros(props.amountCents)}</strong>
      </p>
      <SelectField
        id={form.fieldId("method")}
        label="Moyen de remboursement"
        value={form.values.method}
        error={methodError}
        onValue={(v) => form.set("method", v)}
      >
        <option value="">Choisissez</option>
        <option value="virement">{refundMethodLabels.virement}</option>
        <option value="payfip">{refundMethodLabels.payfip}</option>
        <option value="cheque_tresor">{refundMethodLabels.cheque_tresor}</option>
        <option value="avoir">Avoir du foyer (si la famille l'accepte)</option>
      </SelectField>
      <Field
        id={form.fieldId("reference")}
        label={asCredit ? "Note (facultative)" : "Référence du remboursement"}
        hint={
          asCredit
            ? "Par exemple : accord de la famille par téléphone le 28 novembre."
            : "Numéro du virement, du remboursement PayFiP ou du chèque du Trésor."
        }
        autoComplete="off"
        value={form.values.reference}
        error={form.errors.reference}
        onValue={(v) => form.set("reference", v)}
      />
      {asCredit ? (
        <div className={agreedError ? "field field-invalid" : "field"}>
          <label>
            <input
              id={form.fieldId("familyAgreed")}
              type="checkbox"
              checked={agreed}
              aria-invalid={agreedError ? true : undefined}
              aria-describedby={agreedError ? `${form.fieldId("familyAgreed")}-error` : undefined}
              onChange={(e) => setAgreed(e.target.checked)}
            />{" "}
            La famille accepte que ce montant soit porté à son avoir plutôt que remboursé
          </label>
          {agreedError ? (
            <p className="field-error" id={`${form.fieldId("familyAgreed")}-error`}>
              {agreedError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="row-actions">
        <button type="submit" className="button" disabled={refund.isPending}>
          {refund.isPending
            ? "Enregistrement…"
            : asCredit
              ? "Porter à l'avoir"
              : "Enregistrer le remboursement"}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
