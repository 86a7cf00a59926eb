import type { RouterOutputs } from "@ef/api";
import { ZDeskReasonSchema } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type Dispatch, type SetStateAction, useRef, useState } from "react";
import { countOf } from "../lib/format";
import { appCodeOf, errorMessage, queryClient, trpc } from "../trpc";
import { TextAreaField } from "./field";
import { Loading, QueryError } from "./query-error";

type TMonth = RouterOutputs["planning"]["month"];
type TCell = TMonth["days"][number]["cells"][number];

/** A ticked or unticked box not yet "Validé". */
export type TPendingChange = {
  childId: number;
  activityId: number;
  date: string;
  want: boolean;
  /** Closed (deadline passed) or full: only with a reason. */
  needsReason: boolean;
  label: string;
};

const keyOf = (childId: number, activityId: number, date: string) =>
  `${childId}:${activityId}:${date}`;

const stateWords: Record<TCell["state"], string> = {
  booked: "Réservé",
  add: "Ajout au panier",
  cancel: "Annulation au panier",
  available: "Libre",
  full: "Complet",
  closed: "Fermé",
  not_offered: "Non proposé",
};

/** Booked, or about to be: what the box shows before any new tick. */
const baseChecked = (cell: TCell) => cell.state === "booked" || cell.state === "add";

/**
 * A line already in the panier can always be taken back; anything else past the deadline or on a
 * full day needs the agent's reason.
 */
const needsReason = (cell: TCell) =>
  !cell.editable && cell.state !== "add" && cell.state !== "cancel";

const euros = (cents: number) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);

/** The month as a grid: days down, each child's activities across; ticks go to the panier. */
export function DeskPlanningGrid(props: {
  householdId: number;
  month: string;
  pending: Map<string, TPendingChange>;
  setPending: Dispatch<SetStateAction<Map<string, TPendingChange>>>;
  reason: string;
  setReason: (value: string) => void;
}) {
  const { householdId, month, pending, setPending, reason, setReason } = props;
  const planning = useQuery(trpc.planning.month.queryOptions({ householdId, month }));
  // A success speaks of the panier as it was: once it changes (e.g. "Terminer"), it is gone.
  const [outcome, setOutcome] = useState<{
    ok: boolean;
    message: string;
    version?: number;
  } | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const statusRef = useRef<HTMLDivElement>(null);
  const changes = [...pending.values()];
  const reasonNeeded = changes.some((c) => c.needsReason);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.planning.month.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.basket.get.queryKey({ householdId }) });
  };
  const setDays = useMutation(
    trpc.staff.desk.setDays.mutationOptions({
      onSuccess: (out) => {
        setPending(new Map());
        setOutcome({
          ok: true,
          version: out.version,
          message:
            out.overridden > 0
              ? `Changements ajoutés au panier (${countOf(out.overridden, "jour hors délai ou complet", "jours hors délai ou complets")}, motif enregistré). Terminez pour confirmer.`
              : "Changements ajoutés au panier. Terminez pour confirmer.",
        });
        refresh();
        statusRef.current?.focus();
      },
      onError: (error) => {
        setOutcome({ ok: false, message: errorMessage(error) });
        if (appCodeOf(error) === "CONFLICT") refresh();
        statusRef.current?.focus();
      },
    }),
  );

  const toggle = (cell: TCell, date: string, label: string) => {
    const key = keyOf(cell.childId, cell.activityId, date);
    setPending((old) => {
      const next = new Map(old);
      const current = old.get(key)?.want ?? baseChecked(cell);
      if (!current === baseChecked(cell)) next.delete(key);
      else
        next.set(key, {
          childId: cell.childId,
          activityId: cell.activityId,
          date,
          want: !current,
          needsReason: needsReason(cell),
          label,
        });
      return next;
    });
  };

  const validate = () => {
    if (changes.length === 0 || setDays.isPending || !planning.data) return;
    let override: { reason: string } | undefined;
    if (reasonNeeded) {
      const parsed = ZDeskReasonSchema.safeParse(reason);
      if (!parsed.success) {
        setReasonError(parsed.error.issues[0]?.message);
        document.getElementById("desk-planning-motif")?.focus();
        return;
      }
      override = { reason: parsed.data };
    }
    setReasonError(undefined);
    setDays.mutate({
      householdId,
      version: planning.data.basket.version,
      changes: changes.map(({ childId, activityId, date, want }) => ({
        childId,
        activityId,
        date,
        want,
      })),
      override,
    });
  };

  if (planning.isPending) return <Loading />;
  if (planning.isError)
    return <QueryError error={planning.error} onRetry={() => void planning.refetch()} />;
  const m = planning.data;
  const shown = outcome && (!outcome.ok || outcome.version === m.basket.version) ? outcome : null;
  const columns = m.children.flatMap((c) => c.activities.map((a) => ({ child: c, activity: a })));
  const days = m.days.filter((d) => d.cells.some((c) => c.state !== "not_offered"));

  return (
    <section className="panel" aria-labelledby="desk-planning-titre">
      <div className="desk-planning-month">
        {m.previous ? (
          <Link
            to="/foyers/$householdId/planning"
            params={{ householdId: String(householdId) }}
            search={{ mois: m.previous }}
            className="button button-secondary"
          >
            ‹ Mois précédent
          </Link>
        ) : (
          <span />
        )}
        <h2 id="desk-planning-titre">Planning — {m.monthLabel}</h2>
        {m.next ? (
          <Link
            to="/foyers/$householdId/planning"
            params={{ householdId: String(householdId) }}
            search={{ mois: m.next }}
            className="button button-secondary"
          >
            Mois suivant ›
          </Link>
        ) : (
          <span />
        )}
      </div>
      <div
        ref={statusRef}
        tabIndex={-1}
        role={shown && !shown.ok ? "alert" : "status"}
        className={shown ? (shown.ok ? "alert alert-success" : "alert alert-error") : "sr-only"}
      >
        {shown?.message}
      </div>
      {columns.length === 0 ? (
        <p>
          Aucun enfant de la famille n'est inscrit à une activité du planning ce mois-ci :
          inscrivez-le d'abord (plus bas).
        </p>
      ) : (
        <div className="desk-planning-scroll">
          <table className="table desk-planning-grid">
            <caption className="sr-only">
              Planning de {m.monthLabel} : une ligne par jour d'activité, une colonne par enfant et
              activité
            </caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                {columns.map(({ child, activity }) => (
                  <th scope="col" key={`${child.id}:${activity.id}`}>
                    {child.firstName}
                    <br />
                    <span className="muted">{activity.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{day.label}</th>
                  {columns.map(({ child, activity }) => {
                    const cell = day.cells.find(
                      (c) => c.childId === child.id && c.activityId === activity.id,
                    );
                    const key = `${child.id}:${activity.id}`;
                    if (!cell || cell.state === "not_offered")
                      return (
                        <td key={key} className="desk-planning-off">
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">Non proposé</span>
                        </td>
                      );
                    const label = `${child.firstName} — ${activity.name} — ${day.label}`;
                    const change = pending.get(keyOf(child.id, activity.id, day.date));
                    const checked = change?.want ?? baseChecked(cell);
                    const id = `desk-planning-${child.id}-${activity.id}-${day.date}`;
                    return (
                      <td
                        key={key}
                        className={`desk-planning-cell desk-planning-${cell.state}${change ? " desk-planning-changed" : ""}`}
                      >
                        <input
                          id={id}
                          type="checkbox"
                          checked={checked}
                          onChange={() => toggle(cell, day.date, label)}
                          aria-label={label}
                          aria-describedby={`${id}-etat`}
                        />
                        <span id={`${id}-etat`} className="desk-planning-state">
                          {stateWords[cell.state]}
                          {change ? " — modifié, à valider" : ""}
                          {cell.holdLost ? " — place perdue" : ""}
                          {cell.state === "closed" || (!cell.editable && cell.state === "booked")
                            ? ` (${cell.note ?? "fermé"})`
                            : ""}
                          {cell.state !== "closed" && cell.placesLeft !== null
                            ? ` — ${countOf(cell.placesLeft, "place", "places")}`
                            : ""}
                          {cell.priceCents !== null && cell.state === "available"
                            ? ` — ${euros(cell.priceCents)}`
                            : ""}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reasonNeeded ? (
        <div className="desk-planning-reason">
          <p className="alert alert-info">
            Jours fermés ou complets cochés :{" "}
            {changes
              .filter((c) => c.needsReason)
              .map((c) => c.label)
              .join(" ; ")}
            . Indiquez le motif du dépassement : il est gardé dans le journal.
          </p>
          <TextAreaField
            id="desk-planning-motif"
            label="Motif du dépassement"
            hint="Date limite passée ou jour complet : pourquoi la famille obtient ce changement."
            required
            rows={2}
            maxLength={500}
            value={reason}
            onValue={setReason}
            error={reasonError}
          />
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={changes.length === 0 || setDays.isPending}
          onClick={validate}
        >
          {setDays.isPending ? "Envoi…" : "Valider"}
        </button>
        {changes.length > 0 ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={setDays.isPending}
            onClick={() => setPending(new Map())}
          >
            Oublier les cases cochées ({changes.length})
          </button>
        ) : null}
      </div>
    </section>
  );
}
