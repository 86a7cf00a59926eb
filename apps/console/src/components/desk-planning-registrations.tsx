import type { RouterOutputs } from "@ef/api";
import { ZDeskCancelRegistrationSchema } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { registrationStatusLabels, registrationTone } from "../lib/labels";
import { useZodForm } from "../lib/use-zod-form";
import { errorMessage, queryClient, trpc } from "../trpc";
import { Badge } from "./badge";
import { TextAreaField } from "./field";

type THousehold = RouterOutputs["staff"]["households"]["get"];
type TChild = THousehold["children"][number];
type TRegistration = TChild["registrations"][number];

/** Types booked on the planning: registered here (the others go through "Inscriptions en paiement"). */
const planningTypes = new Set(["periscolaire", "loisirs"]);

/**
 * Registrations at the desk: the parents' "Inscription" (same rules: a complete dossier validates
 * at once), and ending one with a reason.
 */
export function DeskPlanningRegistrations({
  householdId,
  household,
}: {
  householdId: number;
  household: THousehold;
}) {
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const said = (ok: boolean, message: string) => {
    setOutcome({ ok, message });
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  return (
    <section className="panel" aria-labelledby="desk-planning-inscriptions-titre">
      <h2 id="desk-planning-inscriptions-titre">Inscriptions</h2>
      <div
        ref={statusRef}
        tabIndex={-1}
        role={outcome && !outcome.ok ? "alert" : "status"}
        className={outcome ? (outcome.ok ? "alert alert-success" : "alert alert-error") : "sr-only"}
      >
        {outcome?.message}
      </div>
      {household.children.length === 0 ? <p>Aucun enfant enregistré.</p> : null}
      {household.children.map((child) => (
        <ChildRegistrations key={child.id} householdId={householdId} child={child} said={said} />
      ))}
    </section>
  );
}

function refresh(householdId: number) {
  void queryClient.invalidateQueries({
    queryKey: trpc.staff.households.get.queryKey({ householdId }),
  });
  void queryClient.invalidateQueries({ queryKey: trpc.planning.month.queryKey() });
  void queryClient.invalidateQueries({ queryKey: trpc.registrations.options.queryKey() });
}

function ChildRegistrations({
  householdId,
  child,
  said,
}: {
  householdId: number;
  child: TChild;
  said: (ok: boolean, message: string) => void;
}) {
  const [activityId, setActivityId] = useState("");
  const options = useQuery(
    trpc.registrations.options.queryOptions({ householdId, childId: child.id }),
  );
  const create = useMutation(
    trpc.registrations.create.mutationOptions({
      onSuccess: (out) => {
        setActivityId("");
        said(
          true,
          out.status === "validated"
            ? `${child.firstName} est inscrit(e) : l'inscription est validée.`
            : `${child.firstName} est inscrit(e) : l'inscription attend la validation du dossier.`,
        );
        refresh(householdId);
      },
      onError: (error) => said(false, errorMessage(error)),
    }),
  );
  const open = (options.data ?? []).filter((o) => o.eligible && o.registration === null);
  const selectId = `desk-planning-inscrire-${child.id}`;
  const live = child.registrations.filter(
    (r) => r.status === "pending" || r.status === "validated",
  );
  return (
    <article className="child" aria-labelledby={`desk-planning-enfant-${child.id}`}>
      <h3 id={`desk-planning-enfant-${child.id}`}>
        {child.firstName} {child.lastName}
      </h3>
      {live.length === 0 ? (
        <p className="muted">Aucune inscription en cours.</p>
      ) : (
        <ul className="registrations">
          {live.map((r) => (
            <RegistrationRow
              key={r.id}
              householdId={householdId}
              child={child}
              registration={r}
              said={said}
            />
          ))}
        </ul>
      )}
      <form
        className="desk-planning-register"
        onSubmit={(e) => {
          e.preventDefault();
          if (create.isPending) return;
          if (!activityId) {
            said(false, "Choisissez une activité.");
            document.getElementById(selectId)?.focus();
            return;
          }
          create.mutate({ householdId, childId: child.id, activityId: Number(activityId) });
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>Inscrire {child.firstName} à</label>
          <select id={selectId} value={activityId} onChange={(e) => setActivityId(e.target.value)}>
            <option value="">Choisir une activité…</option>
            {open.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.typeLabel})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary" disabled={create.isPending}>
          Enregistrer
        </button>
      </form>
    </article>
  );
}

function RegistrationRow({
  householdId,
  child,
  registration: r,
  said,
}: {
  householdId: number;
  child: TChild;
  registration: TRegistration;
  said: (ok: boolean, message: string) => void;
}) {
  const [cancelling, setCancelling] = useState(false);
  const form = useZodForm({
    id: `desk-planning-annulation-${r.id}`,
    schema: ZDeskCancelRegistrationSchema,
    initial: { reason: "" },
    fixed: { householdId, registrationId: r.id },
  });
  const cancel = useMutation(
    trpc.staff.desk.cancelRegistration.mutationOptions({
      onSuccess: () => {
        setCancelling(false);
        said(
          true,
          `Inscription de ${child.firstName} à « ${r.activityName} » annulée. La famille est prévenue par e-mail, avec le motif.`,
        );
        refresh(householdId);
      },
      onError: (error) => {
        form.showServerError(error);
        said(false, errorMessage(error));
      },
    }),
  );
  return (
    <li>
      <span>
        {r.activityName} <span className="muted">— {r.typeLabel}</span>
      </span>
      <span className="registration-state">
        <Badge tone={registrationTone[r.status]}>{registrationStatusLabels[r.status]}</Badge>
        {planningTypes.has(r.typeCode) ? (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={cancelling}
            onClick={() => setCancelling((v) => !v)}
          >
            Annuler l'inscription
          </button>
        ) : null}
      </span>
      {cancelling ? (
        <form
          className="refuse-form"
          aria-label={`Annulation de l'inscription de ${child.firstName} à ${r.activityName}`}
          noValidate
          onSubmit={(e) => {
            const input = form.submit(e);
            if (input && !cancel.isPending) cancel.mutate(input);
          }}
        >
          <TextAreaField
            id={form.fieldId("reason")}
            label="Motif de l'annulation"
            hint="Gardé dans le journal."
            required
            rows={2}
            maxLength={500}
            value={form.values.reason}
            onValue={(v) => form.set("reason", v)}
            error={form.errors.reason}
          />
          <button type="submit" className="button" disabled={cancel.isPending}>
            Confirmer l'annulation
          </button>
        </form>
      ) : null}
    </li>
  );
}
