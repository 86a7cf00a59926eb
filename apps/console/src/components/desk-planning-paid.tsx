import type { RouterOutputs } from "@ef/api";
import { paidItemKey, tickPaidItem, ZDeskReasonSchema } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { countOf } from "../lib/format";
import { appCodeOf, errorMessage, queryClient, trpc } from "../trpc";
import { TextAreaField } from "./field";
import { Loading, QueryError } from "./query-error";

type TChildOptions = RouterOutputs["paidRegistrations"]["options"][number];
type TActivity = TChildOptions["activities"][number];
type TItem = TActivity["items"][number];
type TPaidItem = {
  childId: number;
  activityId: number;
  groupId: number | null;
  sessionId: number | null;
  want: boolean;
};

/** A box's identity: child, activity, group or session. */
const euros = (cents: number) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);

/** The activity's name is the legend: the box shows the rest (day and time, or date and title). */
function shortLabel(activity: TActivity, item: TItem): string {
  const prefix = `${activity.name} — `;
  return item.label.startsWith(prefix) ? item.label.slice(prefix.length) : item.label;
}

/**
 * "Inscriptions en paiement" at the desk: the parents' page for the family — per child, the EMS
 * groups and Territoire Jeune sessions they may join, ticked into the family's own panier; then
 * the récapitulatif and "Terminer" with the payment received at the guichet. A full group or
 * session is ticked only with a reason.
 */
export function DeskPlanningPaid(props: {
  householdId: number;
  reason: string;
  setReason: (value: string) => void;
}) {
  const { householdId, reason, setReason } = props;
  // Places left: always asked again when the page shows.
  const options = useQuery({
    ...trpc.paidRegistrations.options.queryOptions({ householdId }),
    staleTime: 0,
  });
  const basket = useQuery(trpc.basket.get.queryOptions({ householdId }));
  const [ticks, setTicks] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [askReason, setAskReason] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const said = (ok: boolean, message: string) => {
    setOutcome({ ok, message });
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.paidRegistrations.pathFilter());
    void queryClient.invalidateQueries({ queryKey: trpc.basket.get.queryKey({ householdId }) });
  };

  const inPanier = new Set(
    (basket.data?.registrations ?? []).map((r) => paidItemKey(r.childId, r.activityId, r)),
  );
  const checked = (key: string) => ticks.get(key) ?? inPanier.has(key);

  const setItems = useMutation(
    trpc.staff.desk.setPaidItems.mutationOptions({
      onSuccess: (out) => {
        setTicks(new Map());
        setAskReason(false);
        setReasonError(undefined);
        said(
          true,
          `Le panier de la famille est à jour${out.overridden > 0 ? ` (${countOf(out.overridden, "inscription", "inscriptions")} au-delà des places, motif gardé dans le journal)` : ""}. Vérifiez le récapitulatif puis « Terminer ».`,
        );
        refresh();
      },
      onError: (error) => {
        const code = appCodeOf(error);
        if (code === "FULL") setAskReason(true);
        if (code === "CONFLICT" || code === "FULL") refresh();
        said(false, errorMessage(error));
      },
    }),
  );

  if (options.isPending || basket.isPending) return <Loading />;
  if (options.isError || basket.isError) {
    return (
      <QueryError
        error={options.error ?? basket.error}
        onRetry={() => {
          void options.refetch();
          void basket.refetch();
        }}
      />
    );
  }
  const kids = options.data;
  const registrations = basket.data.registrations;

  function toggle(childId: number, activity: TActivity, item: TItem, want: boolean) {
    setTicks((all) => tickPaidItem(all, inPanier, childId, activity, item, want));
  }

  /** What "Valider" sends (as the parents' page): the one EMS group wanted per activity. */
  function changes(): { items: TPaidItem[]; full: string[] } {
    const items: TPaidItem[] = [];
    const full: string[] = [];
    for (const child of kids) {
      for (const activity of child.activities) {
        const groups = activity.items.filter((i) => i.groupId !== null);
        if (groups.length > 0) {
          const current = registrations.find(
            (r) =>
              r.childId === child.childId &&
              r.activityId === activity.activityId &&
              r.groupId !== null,
          );
          const wanted = groups.find((g) =>
            checked(paidItemKey(child.childId, activity.activityId, g)),
          );
          if (wanted && wanted.groupId !== current?.groupId) {
            items.push({
              childId: child.childId,
              activityId: activity.activityId,
              groupId: wanted.groupId,
              sessionId: null,
              want: true,
            });
            if (wanted.placesLeft < 1) full.push(`${child.firstName} — ${wanted.label}`);
          } else if (!wanted && current) {
            items.push({
              childId: child.childId,
              activityId: activity.activityId,
              groupId: current.groupId,
              sessionId: null,
              want: false,
            });
          }
        }
        for (const session of activity.items) {
          if (session.sessionId === null) continue;
          const key = paidItemKey(child.childId, activity.activityId, session);
          const want = ticks.get(key);
          if (want === undefined) continue;
          items.push({
            childId: child.childId,
            activityId: activity.activityId,
            groupId: null,
            sessionId: session.sessionId,
            want,
          });
          if (want && session.placesLeft < 1) full.push(`${child.firstName} — ${session.label}`);
        }
      }
    }
    return { items, full };
  }

  const pendingChanges = changes();
  const reasonNeeded = askReason || pendingChanges.full.length > 0;

  function validate() {
    if (setItems.isPending) return;
    const { items } = pendingChanges;
    if (items.length === 0) {
      said(false, "Aucun changement à valider : cochez ou décochez d'abord une case.");
      return;
    }
    let override: { reason: string } | undefined;
    if (reasonNeeded) {
      const parsed = ZDeskReasonSchema.safeParse(reason);
      if (!parsed.success) {
        setReasonError(parsed.error.issues[0]?.message);
        document.getElementById("desk-planning-paid-motif")?.focus();
        return;
      }
      override = { reason: parsed.data };
    }
    setReasonError(undefined);
    setItems.mutate({ householdId, version: basket.data?.version ?? 0, items, override });
  }

  const offered = kids.map((child) => ({
    child,
    activities: child.activities.filter((a) => a.items.length > 0),
  }));
  return (
    <section className="panel" aria-labelledby="desk-planning-paid-titre">
      <h2 id="desk-planning-paid-titre">Inscriptions en paiement (EMS, Territoire Jeune)</h2>
      <p className="field-hint">
        Les mêmes cases que la page « Inscriptions en paiement » de la famille : ce qui est coché va
        dans son panier (la place est gardée), puis « Terminer » dans le récapitulatif avec le
        règlement reçu au guichet. Un groupe ou une sortie complet ne se coche qu'avec un motif.
      </p>
      <div
        ref={statusRef}
        tabIndex={-1}
        role={outcome && !outcome.ok ? "alert" : "status"}
        className={outcome ? (outcome.ok ? "alert alert-success" : "alert alert-error") : "sr-only"}
      >
        {outcome?.message}
      </div>
      {offered.every((o) => o.activities.length === 0) ? (
        <p>Aucune activité en paiement n'est ouverte aux inscriptions.</p>
      ) : null}
      {offered.map(({ child, activities }) =>
        activities.length === 0 ? null : (
          <article
            key={child.childId}
            className="child"
            aria-labelledby={`desk-planning-paid-enfant-${child.childId}`}
          >
            <h3 id={`desk-planning-paid-enfant-${child.childId}`}>{child.firstName}</h3>
            {activities.map((activity) => (
              <fieldset key={activity.activityId} className="desk-fieldset desk-planning-paid">
                <legend>
                  {activity.name} <span className="muted">— {activity.typeLabel}</span>
                </legend>
                <ul className="desk-planning-paid-items">
                  {activity.items.map((item) => {
                    const key = paidItemKey(child.childId, activity.activityId, item);
                    const id = `desk-planning-paid-${key.replaceAll(":", "-")}`;
                    const held = inPanier.has(key);
                    const disabled = !item.available && !held;
                    return (
                      <li key={key}>
                        <input
                          id={id}
                          type="checkbox"
                          checked={checked(key)}
                          disabled={disabled || setItems.isPending}
                          onChange={(e) => toggle(child.childId, activity, item, e.target.checked)}
                          aria-describedby={`${id}-etat`}
                        />{" "}
                        <label htmlFor={id}>
                          {child.firstName} — {activity.name} — {shortLabel(activity, item)}
                        </label>
                        <span id={`${id}-etat`} className="muted">
                          {" — "}
                          {item.placesLeft < 1
                            ? "complet"
                            : `${countOf(item.placesLeft, "place restante", "places restantes")} sur ${item.capacity}`}
                          {item.priceCents !== null ? ` — ${euros(item.priceCents)}` : ""}
                          {held ? " — dans le panier" : ""}
                          {ticks.has(key) ? " — modifié, à valider" : ""}
                          {item.reason ? ` — ${item.reason}` : ""}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            ))}
          </article>
        ),
      )}
      {reasonNeeded ? (
        <div className="desk-planning-reason">
          {pendingChanges.full.length > 0 ? (
            <p className="alert alert-info">
              Complet : {pendingChanges.full.join(" ; ")}. Indiquez le motif du dépassement : il est
              gardé dans le journal.
            </p>
          ) : null}
          <TextAreaField
            id="desk-planning-paid-motif"
            label="Motif du dépassement"
            hint="Groupe ou sortie complet : pourquoi l'enfant obtient cette place."
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
        <button type="button" className="button" disabled={setItems.isPending} onClick={validate}>
          {setItems.isPending ? "Envoi…" : "Valider"}
        </button>
        {ticks.size > 0 ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={setItems.isPending}
            onClick={() => setTicks(new Map())}
          >
            Oublier les cases cochées
          </button>
        ) : null}
      </div>
    </section>
  );
}
