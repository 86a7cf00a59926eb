import {
  deskMethods,
  settlementMethodLabels,
  type TRecordPayment,
  ZRecordPaymentSchema,
} from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { useZodForm } from "../lib/use-zod-form";
import { queryClient, trpc } from "../trpc";
import { formatEuros } from "./billing-download";
import { SelectField } from "./catalogue-form";
import { Field, FormAlert } from "./field";

/** A payment received at the guichet for one invoice: amount, method, reference. */
export function BillingRecordPayment(props: {
  invoiceId: number;
  number: string;
  remainingCents: number;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const prefix = `paiement-${props.invoiceId}`;
  const form = useZodForm<"amount" | "method" | "reference", TRecordPayment>({
    id: prefix,
    schema: ZRecordPaymentSchema,
    initial: {
      amount: (props.remainingCents / 100).toFixed(2).replace(".", ","),
      method: "",
      reference: "",
    },
    fixed: { invoiceId: props.invoiceId },
  });
  const record = useMutation(
    trpc.staff.billing.recordPayment.mutationOptions({
      onSuccess: async (out) => {
        await queryClient.invalidateQueries(trpc.staff.billing.pathFilter());
        props.onDone(
          out.paid
            ? `Paiement enregistré : la facture ${out.number} est payée.`
            : `Paiement enregistré : il reste ${formatEuros(out.remainingCents)} à payer sur la facture ${out.number}.`,
        );
      },
      onError: (error) => form.showServerError(error),
    }),
  );
  const methodError = form.errors.method;
  return (
    <form
      className="refuse-form"
      noValidate
      aria-label={`Paiement au guichet — facture ${props.number}`}
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !record.isPending) record.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      <Field
        id={form.fieldId("amount")}
        label="Montant reçu (€)"
        inputMode="decimal"
        autoComplete="off"
        value={form.values.amount}
        error={form.errors.amount}
        onValue={(v) => form.set("amount", v)}
      />
      <SelectField
        id={form.fieldId("method")}
        label="Moyen de paiement"
        value={form.values.method}
        error={methodError}
        onValue={(v) => form.set("method", v)}
      >
        <option value="">Choisissez</option>
        {deskMethods.map((method) => (
          <option key={method} value={method}>
            {settlementMethodLabels[method]}
          </option>
        ))}
      </SelectField>
      <Field
        id={form.fieldId("reference")}
        label="Référence (numéro de chèque, titres CESU…)"
        autoComplete="off"
        value={form.values.reference}
        error={form.errors.reference}
        onValue={(v) => form.set("reference", v)}
      />
      <div className="row-actions">
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? "Enregistrement…" : "Enregistrer le paiement"}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
