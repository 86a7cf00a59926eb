import type { RouterOutputs } from "@ef/api";
import { paidItemKey, tickPaidItem } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { FormAlert, useSubmitOnce } from "../../components/form";
import { BackToSpace, Loading, Page } from "../../components/page";
import {
  Amounts,
  formatHoldTime,
  PaymentInProgress,
  RegistrationLines,
} from "../../components/payment";
import { JoinWaitingList, MyWaitingLists } from "../../components/waiting-list";
import { refreshBooking, useBasket } from "../../lib/basket";
import { formatEuros, plural } from "../../lib/format";
import { useParent } from "../../lib/overview";
import {
  amountsOf,
  hasSomethingToPay,
  isPaymentInProgress,
  useCredit,
  useStartPayment,
} from "../../lib/payment";
import { apiError, errorMessage, queryClient, trpc } from "../../trpc";

type TChildOptions = RouterOutputs["paidRegistrations"]["options"][number];
type TActivity = TChildOptions["activities"][number];
type TItem = TActivity["items"][number];
type TSummary = RouterOutputs["basket"]["get"];
type TRegistrationLine = TSummary["registrations"][number];

type TPaidSearch = {
  /** "recapitulatif": after "Valider"; none: the check boxes. */
  etape?: "recapitulatif" | undefined;
};

export const Route = createFileRoute("/espace/inscriptions-en-paiement")({
  validateSearch: (search: Record<string, unknown>): TPaidSearch => ({
    etape: search.etape === "recapitulatif" ? "recapitulatif" : undefined,
  }),
  component: PaidRegistrations,
});

// Set by "Valider" for the récapitulatif that follows: it says what happened and takes the cursor.
let justValidated = false;

function PaidRegistrations() {
  const { etape } = Route.useSearch();
  return (
    <Page title="Inscriptions en paiement">
      {etape === "recapitulatif" ? <Recap /> : <Choose />}
      <BackToSpace />
    </Page>
  );
}

/** A box's identity: child, activity, group or session. */
/** The server's reasons that mean "already registered" rather than "not allowed". */
const REGISTERED = "déjà inscrit(e)";

/** The activity's name is the fieldset's legend: the box shows the rest. */
function shortLabel(activity: TActivity, item: TItem): string {
  const prefix = `${activity.name} — `;
  return item.label.startsWith(prefix) ? item.label.slice(prefix.length) : item.label;
}

/** Options are places left: always asked again when the page shows. */
function usePaidOptions() {
  const me = useParent();
  return useQuery({
    ...trpc.paidRegistrations.options.queryOptions({ householdId: me.householdId }),
    staleTime: 0,
  });
}

function refreshOptions(): Promise<unknown> {
  return queryClient.invalidateQueries(trpc.paidRegistrations.pathFilter());
}

/** The server's refusal: "a payment is in progress" comes with the way back to it. */
function MutationError(props: { error: unknown; summary: TSummary | undefined }) {
  if (isPaymentInProgress(props.error)) {
    return (
      <PaymentInProgress
        error={props.error}
        basketId={props.summary?.basketId ?? null}
        version={props.summary?.version ?? 0}
      />
    );
  }
  return <FormAlert>{errorMessage(props.error)}</FormAlert>;
}

/**
 * The check boxes: per child, per activity, each EMS group or Territoire Jeune session. What is in
 * the panier shows ticked; "Valider" sends only the boxes changed here.
 */
function Choose() {
  const me = useParent();
  const navigate = Route.useNavigate();
  const options = usePaidOptions();
  const basket = useBasket();
  const [ticks, setTicks] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [empty, setEmpty] = useState(false);
  const submitOnce = useSubmitOnce();

  const inPanier = new Map<string, TRegistrationLine>();
  for (const r of basket.data?.registrations ?? [])
    inPanier.set(paidItemKey(r.childId, r.activityId, r), r);
  // What can be ticked now: places left, or already in the panier.
  const open = new Set<string>();
  for (const child of options.data ?? []) {
    for (const a of child.activities) {
      for (const item of a.items) {
        if (item.available && item.placesLeft > 0)
          open.add(paidItemKey(child.childId, a.activityId, item));
      }
    }
  }
  // Changes that still mean something once the page is up to date: the panier may hold a box
  // already (another screen), or the last place may have gone (the box is locked, not ticked).
  const changed = new Map(
    [...ticks].filter(
      ([key, want]) => want !== inPanier.has(key) && (inPanier.has(key) || open.has(key)),
    ),
  );
  const checked = (key: string) => changed.get(key) ?? inPanier.has(key);

  const setItems = useMutation(
    trpc.paidRegistrations.setItems.mutationOptions({
      onSuccess: async () => {
        await refreshBooking();
        setTicks(new Map());
        justValidated = true;
        await navigate({ search: { etape: "recapitulatif" } });
      },
      onError: async (error) => {
        // The panier changed elsewhere, or a place went: show both as they are now, keep the ticks.
        if (apiError(error)?.data) await refreshBooking();
      },
    }),
  );
  const pending = setItems.isPending || setItems.isSuccess;

  function toggle(childId: number, activity: TActivity, item: TItem, want: boolean) {
    setEmpty(false);
    setTicks((all) => tickPaidItem(all, inPanier, childId, activity, item, want));
  }

  /** What "Valider" sends: for the EMS, the one group wanted (or none) per child and activity. */
  function changes() {
    const items: {
      childId: number;
      activityId: number;
      groupId: number | null;
      sessionId: number | null;
      want: boolean;
    }[] = [];
    for (const child of options.data ?? []) {
      for (const activity of child.activities) {
        const groups = activity.items.filter((i) => i.groupId !== null);
        if (groups.length > 0) {
          const current = basket.data?.registrations.find(
            (r) =>
              r.childId === child.childId &&
              r.activityId === activity.activityId &&
              r.groupId !== null,
          );
          const wanted = groups.find((g) =>
            checked(paidItemKey(child.childId, activity.activityId, g)),
          );
          // One line per child and activity: a new group replaces the old one on the server.
          if (wanted && wanted.groupId !== current?.groupId) {
            items.push({
              childId: child.childId,
              activityId: activity.activityId,
              groupId: wanted.groupId,
              sessionId: null,
              want: true,
            });
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
          const want = changed.get(paidItemKey(child.childId, activity.activityId, session));
          if (want === undefined) continue;
          items.push({
            childId: child.childId,
            activityId: activity.activityId,
            groupId: null,
            sessionId: session.sessionId,
            want,
          });
        }
      }
    }
    return items;
  }

  function validate() {
    if (pending || !basket.data) return;
    const items = changes();
    if (items.length === 0) {
      // Nothing changed here: the récapitulatif of what the panier already holds.
      if (basket.data.registrations.length > 0) {
        void navigate({ search: { etape: "recapitulatif" } });
      } else {
        setEmpty(true);
      }
      return;
    }
    setEmpty(false);
    const version = basket.data.version;
    submitOnce(() => setItems.mutateAsync({ householdId: me.householdId, version, items }));
  }

  let body: ReactNode;
  if (options.isPending || basket.isPending) {
    body = <Loading />;
  } else if (options.isError || basket.isError) {
    body = (
      <p className="alert alert--error" role="alert">
        {errorMessage(options.error ?? basket.error)}
      </p>
    );
  } else if (options.data.length === 0) {
    body = <p>Aucun enfant n'est enregistré. Le guichet unique peut les ajouter à votre foyer.</p>;
  } else {
    const count = changed.size;
    body = (
      <>
        <ul className="list">
          {options.data.map((child) => (
            <li key={child.childId}>
              <ChildOptions
                child={child}
                inPanier={inPanier}
                ticks={changed}
                disabled={pending}
                onToggle={toggle}
              />
            </li>
          ))}
        </ul>
        <div className="edit-bar">
          {setItems.isError ? <MutationError error={setItems.error} summary={basket.data} /> : null}
          {empty ? <FormAlert>Cochez au moins une activité.</FormAlert> : null}
          <p className="edit-bar__count" aria-live="polite">
            {count === 0
              ? "Aucune case modifiée."
              : `${plural(count, "case modifiée", "cases modifiées")}.`}
          </p>
          <div className="edit-bar__buttons edit-bar__buttons--one">
            <button
              type="button"
              className="button button--primary"
              disabled={pending}
              onClick={validate}
            >
              {pending ? "Validation…" : "Valider"}
            </button>
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <p>
        École Municipale des Sports et Territoire Jeune : cochez les activités de chaque enfant,
        puis « Valider ». Les places sont retenues dans le panier ; l'inscription est faite dès que
        le paiement est accepté.
      </p>
      {body}
      <MyWaitingLists />
    </>
  );
}

function ChildOptions(props: {
  child: TChildOptions;
  inPanier: ReadonlyMap<string, TRegistrationLine>;
  ticks: ReadonlyMap<string, boolean>;
  disabled: boolean;
  onToggle: (childId: number, activity: TActivity, item: TItem, want: boolean) => void;
}) {
  const { child } = props;
  const headingId = `enfant-${child.childId}`;
  return (
    <section className="card paid-child" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {child.firstName}
      </h2>
      {child.activities.length === 0 ? (
        <p>Aucune activité n'est ouverte aux inscriptions pour le moment.</p>
      ) : (
        child.activities.map((activity) => (
          <ActivityOptions key={activity.activityId} {...props} activity={activity} />
        ))
      )}
    </section>
  );
}

/** The one reason every item gives (too young for all the outings), said once. */
function sharedReason(
  activity: TActivity,
  inPanier: ReadonlyMap<string, unknown>,
  childId: number,
) {
  const reasons = new Set(
    activity.items.map((i) =>
      i.available || inPanier.has(paidItemKey(childId, activity.activityId, i)) ? null : i.reason,
    ),
  );
  const [only] = reasons;
  return reasons.size === 1 && only && only !== REGISTERED ? only : null;
}

function ActivityOptions(props: {
  child: TChildOptions;
  activity: TActivity;
  inPanier: ReadonlyMap<string, TRegistrationLine>;
  ticks: ReadonlyMap<string, boolean>;
  disabled: boolean;
  onToggle: (childId: number, activity: TActivity, item: TItem, want: boolean) => void;
}) {
  const { child, activity } = props;
  const ems = activity.items.some((i) => i.groupId !== null);
  const reason =
    activity.items.length > 1 ? sharedReason(activity, props.inPanier, child.childId) : null;
  return (
    <fieldset className="paid-activity">
      <legend>
        {activity.name} <span className="paid-activity__type">— {activity.typeLabel}</span>
      </legend>
      {activity.items.length === 0 ? (
        <p className="note">Aucun groupe ni aucune séance pour le moment.</p>
      ) : reason ? (
        <p className="note">
          Non disponible pour {child.firstName} : {reason}.
        </p>
      ) : (
        <>
          {ems ? <p className="note">Un seul groupe par enfant. Prix pour la saison.</p> : null}
          <ul className="cells">
            {activity.items.map((item) => {
              const key = paidItemKey(child.childId, activity.activityId, item);
              return (
                <li key={key}>
                  <ItemBox
                    childName={child.firstName}
                    childId={child.childId}
                    activity={activity}
                    item={item}
                    line={props.inPanier.get(key)}
                    tick={props.ticks.get(key)}
                    disabled={props.disabled}
                    onToggle={(want) => props.onToggle(child.childId, activity, item, want)}
                  />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}

type TItemState = "booked" | "add" | "available" | "full" | "closed";

const ICONS: Record<TItemState, string> = {
  booked: "✓",
  add: "+",
  available: "○",
  full: "●",
  closed: "⊘",
};

function ItemBox(props: {
  childName: string;
  childId: number;
  activity: TActivity;
  item: TItem;
  /** The panier's line for this item, if it is there. */
  line: TRegistrationLine | undefined;
  /** Changed here and not validated yet. */
  tick: boolean | undefined;
  disabled: boolean;
  onToggle: (want: boolean) => void;
}) {
  const { item, line } = props;
  const key = paidItemKey(props.childId, props.activity.activityId, item);
  const stateId = `etat-${key.replaceAll(":", "-")}`;
  const full = item.available && item.placesLeft === 0;
  let state: TItemState;
  let words: string;
  if (line) {
    state = "add";
    words = "Dans le panier — à payer";
  } else if (item.reason === REGISTERED) {
    state = "booked";
    words = "Déjà inscrit(e)";
  } else if (!item.available) {
    state = "closed";
    words = `Non disponible : ${item.reason ?? "conditions non remplies"}`;
  } else if (full) {
    state = "full";
    words = "Complet";
  } else {
    state = "available";
    words = plural(item.placesLeft, "place restante", "places restantes");
  }
  const changed = props.tick !== undefined;
  // Ticked means "registered once paid": what is in the panier, and what is registered already.
  const checked = props.tick ?? (Boolean(line) || state === "booked");
  // In the panier, a box can always be unticked; otherwise only what can be joined.
  const locked = !line && state !== "available";
  const price =
    item.priceCents !== null && (state === "available" || state === "add" || state === "full")
      ? formatEuros(item.priceCents)
      : null;
  return (
    <>
      <label
        className={`cell cell--edit cell--${state}${changed ? " cell--changed" : ""}${locked ? " cell--locked" : ""}`}
      >
        <input
          type="checkbox"
          className="cell__box"
          aria-label={`${props.childName} — ${item.label}`}
          aria-describedby={stateId}
          checked={checked}
          disabled={locked || props.disabled}
          onChange={(e) => props.onToggle(e.target.checked)}
        />
        <span className="cell__name">{shortLabel(props.activity, item)}</span>
        <span className="cell__state" id={stateId}>
          {changed ? (
            checked ? (
              "Coché — à valider"
            ) : (
              "Décoché — à valider"
            )
          ) : (
            <>
              <span className="cell__icon" aria-hidden="true">
                {ICONS[state]}
              </span>
              <span>{words}</span>
            </>
          )}
        </span>
        {price ? <span className="cell__price">{price}</span> : null}
        {line?.holdLost ? (
          <span className="cell__warning">
            La place n'est plus retenue : le groupe ou la séance est peut-être complet.
          </span>
        ) : null}
      </label>
      {full && !line ? (
        <JoinWaitingList
          childName={props.childName}
          label={item.label}
          target={{
            childId: props.childId,
            activityId: props.activity.activityId,
            date: null,
            groupId: item.groupId,
            sessionId: item.sessionId,
          }}
          onRefused={() => void refreshOptions()}
        />
      ) : null}
    </>
  );
}

/**
 * After "Valider": the inscriptions in the panier, the amount, "Payer" and "Annuler". Shown again
 * by the back button, a reload or another phone: it is the panier as the server has it.
 */
function Recap() {
  const me = useParent();
  const basket = useBasket();
  const toPay = basket.data ? hasSomethingToPay(basket.data) : false;
  const credit = useCredit(toPay);
  const pay = useStartPayment();
  const submitOnce = useSubmitOnce();
  const [askCancel, setAskCancel] = useState(false);
  const [validated] = useState(() => justValidated);
  const heading = useRef<HTMLHeadingElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const done = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    justValidated = false;
    if (validated) heading.current?.focus();
  }, [validated]);

  const onCancelled = async () => {
    setAskCancel(false);
    await refreshBooking();
  };
  const onRefused = async (error: unknown) => {
    if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
  };
  // Only inscriptions in the panier: empty it. With planning days too: take out the inscriptions.
  const clear = useMutation(
    trpc.basket.clear.mutationOptions({ onSuccess: onCancelled, onError: onRefused }),
  );
  const remove = useMutation(
    trpc.paidRegistrations.setItems.mutationOptions({ onSuccess: onCancelled, onError: onRefused }),
  );
  const cancelled = clear.isSuccess || remove.isSuccess;
  const cancelling = clear.isPending || remove.isPending;
  const cancelError = clear.error ?? remove.error;

  useEffect(() => {
    if (askCancel) question.current?.focus();
  }, [askCancel]);
  useEffect(() => {
    if (cancelled) done.current?.focus();
  }, [cancelled]);

  const paying = pay.isPending || pay.isSuccess;
  const summary = basket.data;

  let body: ReactNode;
  if (basket.isPending) {
    body = <Loading />;
  } else if (basket.isError) {
    body = (
      <p className="alert alert--error" role="alert">
        {errorMessage(basket.error)}
      </p>
    );
  } else if (!summary || summary.registrations.length === 0 || !summary.basketId) {
    body = (
      <>
        {cancelled ? (
          <p ref={done} tabIndex={-1} className="alert alert--success" role="status">
            Les inscriptions ont été retirées du panier : les places retenues sont libérées.
          </p>
        ) : null}
        <p>Aucune inscription en paiement dans votre panier.</p>
        <p>
          <Link to="/espace/inscriptions-en-paiement" search={{}} className="button">
            Choisir des activités
          </Link>
        </p>
      </>
    );
  } else {
    const regs = summary.registrations;
    const basketId = summary.basketId;
    const amounts = amountsOf(summary, credit.data?.balanceCents ?? 0);
    const until = regs
      .map((r) => r.holdExpiresAt)
      .filter((t): t is string => t !== null)
      .sort()[0];
    const days = summary.lines.length;
    body = (
      <>
        {validated ? (
          <p className="alert alert--success" role="status">
            Vos choix sont dans le panier
            {until ? ` : les places sont retenues jusqu'à ${formatHoldTime(until)}` : ""}. Les
            inscriptions sont faites dès que le paiement est accepté.
          </p>
        ) : (
          <p>
            Vérifiez vos inscriptions, puis « Payer ». Les inscriptions sont faites dès que PayFiP a
            accepté le paiement : jusque-là, rien n'est inscrit.
          </p>
        )}
        <RegistrationLines registrations={regs} />
        {days > 0 ? (
          <p className="note">
            Votre panier contient aussi {plural(days, "jour", "jours")} du planning : « Payer »
            règle tout le panier.{" "}
            <Link to="/espace/panier" className="text-link">
              Voir le récapitulatif complet
            </Link>
          </p>
        ) : null}
        <Amounts amounts={amounts} />
        {pay.isError ? <MutationError error={pay.error} summary={summary} /> : null}
        <div className="actions actions--stacked">
          <button
            type="button"
            className="button button--primary button--wide"
            disabled={paying || cancelling}
            onClick={() => {
              if (paying) return;
              submitOnce(() =>
                pay.mutateAsync({
                  householdId: me.householdId,
                  basketId,
                  version: summary.version,
                }),
              );
            }}
          >
            {paying ? "Redirection vers PayFiP…" : "Payer"}
          </button>
          <Link to="/espace/inscriptions-en-paiement" search={{}} className="button button--wide">
            Modifier mes choix
          </Link>
        </div>
        {cancelError ? <MutationError error={cancelError} summary={summary} /> : null}
        {askCancel ? (
          <div className="confirm-box">
            <p ref={question} tabIndex={-1}>
              {regs.length > 1
                ? "Annuler ces inscriptions ? Les places retenues seront libérées pour d'autres familles."
                : "Annuler cette inscription ? La place retenue sera libérée pour d'autres familles."}
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button--danger"
                disabled={cancelling}
                onClick={() => {
                  const input = { householdId: me.householdId, version: summary.version };
                  if (days === 0) {
                    clear.mutate(input);
                  } else {
                    remove.mutate({
                      ...input,
                      items: regs.map((r) => ({
                        childId: r.childId,
                        activityId: r.activityId,
                        groupId: r.groupId,
                        sessionId: r.sessionId,
                        want: false,
                      })),
                    });
                  }
                }}
              >
                {cancelling ? "Annulation…" : "Oui, annuler les inscriptions"}
              </button>
              <button
                type="button"
                className="button"
                disabled={cancelling}
                onClick={() => setAskCancel(false)}
              >
                Non, garder les inscriptions
              </button>
            </div>
          </div>
        ) : (
          <p>
            <button
              type="button"
              className="button button--quiet"
              disabled={paying}
              onClick={() => {
                clear.reset();
                remove.reset();
                setAskCancel(true);
              }}
            >
              Annuler
            </button>
          </p>
        )}
      </>
    );
  }

  return (
    <>
      <h2 ref={heading} tabIndex={-1} className="step-title">
        Récapitulatif
      </h2>
      {body}
    </>
  );
}
