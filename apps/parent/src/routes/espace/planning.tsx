import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { BackToSpace, Loading, Page } from "../../components/page";
import { PaymentInProgress } from "../../components/payment";
import { PlanningDays } from "../../components/planning-days";
import { MyWaitingLists } from "../../components/waiting-list";
import { WeekPattern } from "../../components/week-pattern";
import { refreshBooking, rememberPlanningMonth } from "../../lib/basket";
import { formatMonth, MONTH_PATTERN, monthOf } from "../../lib/dates";
import { plural } from "../../lib/format";
import { useParent } from "../../lib/overview";
import { isPaymentInProgress } from "../../lib/payment";
import { apiError, errorMessage, queryClient, trpc } from "../../trpc";

type TPlanningSearch = {
  /** "2027-01"; none: the month the server opens on (the current one, or the next at a month's end). */
  mois?: string | undefined;
};

export const Route = createFileRoute("/espace/planning")({
  validateSearch: (search: Record<string, unknown>): TPlanningSearch => ({
    mois:
      typeof search.mois === "string" && MONTH_PATTERN.test(search.mois) ? search.mois : undefined,
  }),
  loaderDeps: ({ search }) => ({ mois: search.mois }),
  // Starts fetching the month (also when a link to it is merely touched) without holding the
  // page: the edit mode and its ticks stay on screen while the next month loads.
  loader: ({ context, deps }) => {
    void queryClient.prefetchQuery(
      trpc.planning.month.queryOptions({ householdId: context.me.householdId, month: deps.mois }),
    );
  },
  component: Planning,
});

function addMonths(month: string, n: number): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

function Planning() {
  const me = useParent();
  const { mois } = Route.useSearch();
  // "Today" as the server counts it (a demo may set its clock), not the phone's.
  const today = me.today;
  const query = useQuery(
    trpc.planning.month.queryOptions({ householdId: me.householdId, month: mois }),
  );
  // The month shown: the one asked for, else the one the server chose — until it answers, the
  // current month stands in for the titles and arrows.
  const shown = mois ?? query.data?.month;
  const month = shown ?? monthOf(today);

  // Edit mode lives above the month: ticks survive a change of month until "Valider".
  const [editing, setEditing] = useState(false);
  const [ticks, setTicks] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const editHint = useRef<HTMLParagraphElement>(null);
  const modify = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (shown) rememberPlanningMonth(shown);
    // A message about the last "Valider" belongs to the month it was said on.
    setNotice(null);
  }, [shown]);

  const setDays = useMutation(
    trpc.basket.setDays.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        setTicks(new Map());
        setNotice(
          "Vos changements sont dans le panier. Ils seront enregistrés quand vous terminerez les modifications.",
        );
        await refreshBooking();
      },
      onError: async (error) => {
        // Someone else changed the panier: show it as it is now, keep the ticks.
        if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
      },
    }),
  );

  useEffect(() => {
    if (editing) editHint.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const data = query.data;
  const hasActivities = data?.children.some((c) => c.activities.length > 0) ?? false;

  function startEditing() {
    setNotice(null);
    setDays.reset();
    setEditing(true);
  }

  function stopEditing() {
    setEditing(false);
    setTicks(new Map());
    setDays.reset();
    // The "Modifier" button is back: the cursor goes there.
    requestAnimationFrame(() => modify.current?.focus());
  }

  function validate() {
    if (setDays.isPending || !data) return;
    if (ticks.size === 0) {
      stopEditing();
      return;
    }
    const changes = [...ticks].map(([key, want]) => {
      const [childId = 0, activityId = 0, date = ""] = key.split(":");
      return { childId: Number(childId), activityId: Number(activityId), date, want };
    });
    setDays.mutate({ householdId: me.householdId, version: data.basket.version, changes });
  }

  const label = formatMonth(month);
  return (
    <Page title={`Planning — ${label}`} heading="Planning">
      <MonthNav
        month={month}
        label={data?.monthLabel ?? label}
        previous={data ? data.previous : addMonths(month, -1)}
        next={data ? data.next : addMonths(month, 1)}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <MonthError error={query.error} chosen={mois !== undefined} retry={() => query.refetch()} />
      ) : !hasActivities ? (
        <NoActivities />
      ) : (
        <>
          {notice ? (
            <p ref={noticeRef} tabIndex={-1} className="alert alert--success" role="status">
              {notice}
            </p>
          ) : null}
          {editing ? (
            <p ref={editHint} tabIndex={-1} className="alert alert--info">
              Cochez les jours à réserver, décochez ceux à annuler, puis « Valider ».
            </p>
          ) : (
            <div className="actions">
              <button
                ref={modify}
                type="button"
                className="button button--primary"
                onClick={startEditing}
              >
                Modifier
              </button>
            </div>
          )}
          {editing ? null : (
            <WeekPattern
              key={query.data.month}
              householdId={me.householdId}
              month={query.data}
              today={today}
            />
          )}
          <PlanningDays
            month={query.data}
            edit={
              editing
                ? {
                    ticks,
                    onToggle: (key, want, initial) =>
                      setTicks((all) => {
                        const next = new Map(all);
                        if (want === initial) next.delete(key);
                        else next.set(key, want);
                        return next;
                      }),
                  }
                : null
            }
          />
          {editing ? (
            <EditBar
              count={ticks.size}
              pending={setDays.isPending}
              error={setDays.isError ? setDays.error : null}
              basket={query.data.basket}
              onValidate={validate}
              onCancel={stopEditing}
            />
          ) : query.data.basket.lineCount > 0 ? (
            <p className="actions">
              <Link to="/espace/panier" className="button button--primary button--wide">
                Terminer les modifications
              </Link>
            </p>
          ) : null}
        </>
      )}
      <MyWaitingLists hideWhenEmpty />
      <BackToSpace />
    </Page>
  );
}

/** The month, with "Mois précédent" / "Mois suivant" (the panier stays on the server). */
function MonthNav(props: {
  month: string;
  label: string;
  previous: string | null;
  next: string | null;
}) {
  return (
    <nav className="month-nav" aria-label="Mois">
      <h2 className="month-nav__title">{props.label}</h2>
      <div className="month-nav__arrows">
        {props.previous ? (
          <Link
            to="/espace/planning"
            search={{ mois: props.previous }}
            className="button month-nav__link"
          >
            <span aria-hidden="true">←</span> Mois précédent
          </Link>
        ) : (
          <span />
        )}
        {props.next ? (
          <Link
            to="/espace/planning"
            search={{ mois: props.next }}
            className="button month-nav__link"
          >
            Mois suivant <span aria-hidden="true">→</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

function MonthError(props: { error: unknown; chosen: boolean; retry: () => void }) {
  const invalid = apiError(props.error)?.data?.appCode === "INVALID";
  return (
    <>
      <p className="alert alert--error" role="alert">
        {errorMessage(props.error)}
      </p>
      <p className="actions">
        {invalid ? (
          props.chosen ? (
            <Link to="/espace/planning" search={{}} className="button">
              Revenir au planning
            </Link>
          ) : null
        ) : (
          <button type="button" className="button" onClick={props.retry}>
            Réessayer
          </button>
        )}
      </p>
    </>
  );
}

function NoActivities() {
  return (
    <div className="card card--notice">
      <p>
        Aucun de vos enfants n'a d'inscription validée à un accueil périscolaire ou de loisirs pour
        ce mois-ci : il n'y a pas de jour à réserver.
      </p>
      <p>
        <Link to="/espace/inscription" className="text-link">
          Inscription
        </Link>
      </p>
    </div>
  );
}

/** Stays in view at the bottom while the parent ticks: "Valider" and "Annuler". */
function EditBar(props: {
  count: number;
  pending: boolean;
  error: unknown;
  basket: { id: number | null; version: number };
  onValidate: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="edit-bar">
      {props.error ? (
        isPaymentInProgress(props.error) ? (
          <PaymentInProgress
            error={props.error}
            basketId={props.basket.id}
            version={props.basket.version}
          />
        ) : (
          <div className="alert alert--error" role="alert">
            {errorMessage(props.error)}
          </div>
        )
      ) : null}
      <p className="edit-bar__count" aria-live="polite">
        {props.count === 0
          ? "Aucune case modifiée."
          : `${plural(props.count, "case modifiée", "cases modifiées")}.`}
      </p>
      <div className="edit-bar__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={props.pending}
          onClick={props.onValidate}
        >
          {props.pending ? "Validation…" : "Valider"}
        </button>
        <button type="button" className="button" disabled={props.pending} onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </div>
  );
}
