import {
  deskPaymentMethodLabels,
  deskPaymentMethods,
  ZDeskPaymentSchema,
  ZDeskReasonSchema,
} from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { countOf } from "../lib/format";
import { appCodeOf, errorMessage, queryClient, trpc } from "../trpc";
import { Field, TextAreaField } from "./field";
import { Loading, QueryError } from "./query-error";

const euros = (cents: number) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);

type TMethod = (typeof deskPaymentMethods)[number];

/**
 * The family's panier as the récapitulatif shows it, with "Terminer": the same confirmation as
 * the parents' (same checks, same mail). Days to pay are confirmed with the payment received at
 * the desk; a closed or full day needs the reason.
 */
export function DeskPlanningRecap(props: {
  householdId: number;
  reason: string;
  setReason: (value: string) => void;
}) {
  const { householdId, reason, setReason } = props;
  const basket = useQuery(trpc.basket.get.queryOptions({ householdId }));
  const [method, setMethod] = useState<TMethod | "">("");
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<{ method?: string; reason?: string }>({});
  const [askReason, setAskReason] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.planning.month.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.basket.get.queryKey({ householdId }) });
    void queryClient.invalidateQueries({
      queryKey: trpc.staff.households.get.queryKey({ householdId }),
    });
    void queryClient.invalidateQueries(trpc.paidRegistrations.pathFilter());
  };
  // The EMS and Territoire Jeune lines sent with "Terminer", for the message that follows.
  const sentRegistrations = useRef(0);
  const said = (ok: boolean, message: string) => {
    setOutcome({ ok, message });
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const confirm = useMutation(
    trpc.staff.desk.confirm.mutationOptions({
      onSuccess: (out) => {
        setAskReason(false);
        setMethod("");
        setReference("");
        said(
          true,
          out.repeated
            ? "Ces changements étaient déjà confirmés."
            : `Réservations confirmées : ${countOf(out.added, "jour réservé", "jours réservés")}, ${countOf(out.cancelled, "annulé", "annulés")}${sentRegistrations.current > 0 ? `, ${countOf(sentRegistrations.current, "inscription en paiement", "inscriptions en paiement")}` : ""}${out.paidAtDeskCents > 0 ? `, ${euros(out.paidAtDeskCents)} réglés au guichet` : ""}. La famille reçoit la confirmation par e-mail.`,
        );
        refresh();
      },
      onError: (error) => {
        const code = appCodeOf(error);
        if (code === "DEADLINE_PASSED" || code === "FULL") setAskReason(true);
        if (code === "CONFLICT") refresh();
        said(false, errorMessage(error));
      },
    }),
  );
  const clear = useMutation(
    trpc.basket.clear.mutationOptions({
      onSuccess: () => {
        said(true, "Le panier de la famille est vidé : les places gardées sont libérées.");
        refresh();
      },
      onError: (error) => {
        if (appCodeOf(error) === "CONFLICT") refresh();
        said(false, errorMessage(error));
      },
    }),
  );

  if (basket.isPending) return <Loading />;
  if (basket.isError)
    return <QueryError error={basket.error} onRetry={() => void basket.refetch()} />;
  const b = basket.data;
  const empty = b.lines.length === 0 && b.registrations.length === 0;
  const busy = confirm.isPending || clear.isPending;

  const finish = () => {
    if (busy || b.basketId === null) return;
    const errs: typeof errors = {};
    let override: { reason: string } | undefined;
    if (reason.trim() !== "" || askReason) {
      const parsed = ZDeskReasonSchema.safeParse(reason);
      if (parsed.success) override = { reason: parsed.data };
      else errs.reason = parsed.error.issues[0]?.message;
    }
    let deskPayment: { method: TMethod; reference: string } | undefined;
    if (b.toPayCents > 0) {
      const parsed = ZDeskPaymentSchema.safeParse({ method: method || undefined, reference });
      if (parsed.success) deskPayment = parsed.data;
      else errs.method = parsed.error.issues[0]?.message;
    }
    setErrors(errs);
    if (errs.reason || errs.method) {
      document
        .getElementById(errs.reason ? "desk-planning-motif-fin" : "desk-planning-reglement")
        ?.focus();
      return;
    }
    sentRegistrations.current = b.registrations.length;
    confirm.mutate({
      householdId,
      basketId: b.basketId,
      version: b.version,
      override,
      deskPayment,
    });
  };

  return (
    <section className="panel" aria-labelledby="desk-planning-recap-titre">
      <h2 id="desk-planning-recap-titre">Récapitulatif</h2>
      <div
        ref={statusRef}
        tabIndex={-1}
        role={outcome && !outcome.ok ? "alert" : "status"}
        className={outcome ? (outcome.ok ? "alert alert-success" : "alert alert-error") : "sr-only"}
      >
        {outcome?.message}
      </div>
      {empty ? (
        <p>Le panier de la famille est vide.</p>
      ) : (
        <>
          {b.children.map((c) => (
            <div key={c.childId} className="desk-planning-recap-child">
              <h3>{c.childName}</h3>
              <ul>
                {c.added.map((l) => (
                  <li key={l.id}>
                    Réservé — {l.dayLabel} — {l.activityName} ({euros(l.priceCents)})
                    {l.holdLost ? " — place perdue" : ""}
                  </li>
                ))}
                {c.cancelled.map((l) => (
                  <li key={l.id}>
                    Annulé — {l.dayLabel} — {l.activityName} ({euros(l.priceCents)})
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {b.registrations.length > 0 ? (
            <ul>
              {b.registrations.map((r) => (
                <li key={r.id}>
                  {r.childName} — {r.label} ({euros(r.priceCents)})
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            Montant des jours réservés : <strong>{euros(b.addedCents)}</strong>
            {b.cancelledCents > 0 ? ` — jours annulés : ${euros(b.cancelledCents)}` : ""}
            {b.hasPostpaid ? " — Accueils périscolaires : facturé en fin de mois." : ""}
          </p>
          {b.toPayCents > 0 ? (
            <fieldset className="desk-fieldset">
              <legend>Règlement au guichet : {euros(b.toPayCents)}</legend>
              <p className="field-hint">
                Ce panier se paie à la réservation. Encaissez-le ici, ou laissez la famille payer en
                ligne avec « Payer » depuis son espace (le panier est le même).
              </p>
              <div className={errors.method ? "field field-invalid" : "field"}>
                <label htmlFor="desk-planning-reglement">Mode de règlement</label>
                <select
                  id="desk-planning-reglement"
                  value={method}
                  onChange={(e) => setMethod(e.target.value as TMethod | "")}
                  aria-invalid={errors.method ? true : undefined}
                  aria-describedby={errors.method ? "desk-planning-reglement-error" : undefined}
                >
                  <option value="">Choisir…</option>
                  {deskPaymentMethods.map((m) => (
                    <option key={m} value={m}>
                      {deskPaymentMethodLabels[m]}
                    </option>
                  ))}
                </select>
                {errors.method ? (
                  <p className="field-error" id="desk-planning-reglement-error">
                    {errors.method}
                  </p>
                ) : null}
              </div>
              <Field
                id="desk-planning-reference"
                label="Référence (n° de chèque, CESU…)"
                value={reference}
                onValue={setReference}
                maxLength={100}
              />
            </fieldset>
          ) : null}
          {askReason ? (
            <TextAreaField
              id="desk-planning-motif-fin"
              label="Motif du dépassement"
              hint="Un jour du panier est fermé (date limite passée) ou complet : le motif est gardé dans le journal."
              required
              rows={2}
              maxLength={500}
              value={reason}
              onValue={setReason}
              error={errors.reason}
            />
          ) : null}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={finish}>
              {confirm.isPending ? "Confirmation…" : "Terminer"}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => clear.mutate({ householdId, version: b.version })}
            >
              Annuler les modifications
            </button>
          </div>
        </>
      )}
    </section>
  );
}
