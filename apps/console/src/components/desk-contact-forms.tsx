import type { RouterOutputs } from "@ef/api";
import { ZUpdateContactSchema, ZUpdateQfSchema } from "@ef/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useZodForm } from "../lib/use-zod-form";
import { trpc } from "../trpc";
import { Field, FormAlert } from "./field";

type THousehold = RouterOutputs["staff"]["households"]["get"]["household"];

function useRefreshHousehold() {
  const queryClient = useQueryClient();
  return () =>
    void queryClient.invalidateQueries({ queryKey: trpc.staff.households.get.queryKey() });
}

/** Edits the address, residency, e-mail and phone (the audit log keeps the previous values). */
export function DeskContactForm({
  household: h,
  onDone,
}: {
  household: THousehold;
  onDone: () => void;
}) {
  const refresh = useRefreshHousehold();
  const [resident, setResident] = useState(h.resident);
  const form = useZodForm({
    id: "contact",
    schema: ZUpdateContactSchema,
    initial: {
      addressLine: h.addressLine,
      postalCode: h.postalCode,
      city: h.city,
      email: h.email,
      phone: h.phone,
    },
    fixed: { householdId: h.id, resident },
  });
  const save = useMutation(
    trpc.staff.households.updateContact.mutationOptions({
      onSuccess: () => {
        refresh();
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  const field = (key: keyof typeof form.values, label: string, type = "text") => (
    <Field
      id={form.fieldId(key)}
      label={label}
      type={type}
      value={form.values[key]}
      onValue={(v) => form.set(key, v)}
      error={form.errors[key]}
    />
  );
  return (
    <form
      className="desk-form"
      noValidate
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !save.isPending) save.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      {field("addressLine", "Adresse")}
      <div className="desk-row">
        {field("postalCode", "Code postal")}
        {field("city", "Commune")}
      </div>
      <div className="field desk-check">
        <label>
          <input
            type="checkbox"
            checked={resident}
            onChange={(e) => setResident(e.target.checked)}
          />{" "}
          Résident d'Albertville (tarifs résidents)
        </label>
      </div>
      <div className="desk-row">
        {field("email", "E-mail du foyer", "email")}
        {field("phone", "Téléphone du foyer", "tel")}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer les coordonnées
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/** Sets the quotient familial with its validity and the proof it came from. */
export function DeskQfForm({
  household: h,
  onDone,
}: {
  household: THousehold;
  onDone: () => void;
}) {
  const refresh = useRefreshHousehold();
  // Typed as text, sent as a number: the schema's own message covers what is not one.
  const [qfText, setQfText] = useState(h.qf === null ? "" : String(h.qf));
  const qf = qfText.trim() === "" ? undefined : Number(qfText.trim().replace(",", "."));
  const form = useZodForm({
    id: "qf",
    schema: ZUpdateQfSchema,
    initial: { qf: "", validUntil: h.qfValidUntil ?? "", source: "" },
    fixed: { householdId: h.id, qf },
  });
  const save = useMutation(
    trpc.staff.households.updateQf.mutationOptions({
      onSuccess: () => {
        refresh();
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form
      className="desk-form"
      noValidate
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !save.isPending) save.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      <Field
        id={form.fieldId("qf")}
        label="Quotient familial"
        inputMode="numeric"
        value={qfText}
        onValue={setQfText}
        error={form.errors.qf}
      />
      <Field
        id={form.fieldId("validUntil")}
        label="Valable jusqu'au"
        type="date"
        value={form.values.validUntil}
        onValue={(v) => form.set("validUntil", v)}
        error={form.errors.validUntil}
      />
      <Field
        id={form.fieldId("source")}
        label="Justificatif"
        hint="Par exemple : Attestation CAF du 12/11/2026"
        value={form.values.source}
        onValue={(v) => form.set("source", v)}
        error={form.errors.source}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer le quotient familial
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          Annuler
        </button>
      </div>
    </form>
  );
}
