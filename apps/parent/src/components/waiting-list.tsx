/**
 * "Liste d'attente": the button on a full day, group or session, and "Mes listes d'attente". The
 * list lives on the server: a freed place lands in the panier, held 24 hours, with a mail.
 */
import type { RouterOutputs } from "@ef/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { refreshBooking } from "../lib/basket";
import { useParent } from "../lib/overview";
import { apiError, errorMessage, queryClient, trpc } from "../trpc";

type TEntry = RouterOutputs["waitingList"]["mine"][number];

export type TWaitingTarget = {
  childId: number;
  activityId: number;
  date: string | null;
  groupId: number | null;
  sessionId: number | null;
};

/** The family's waiting-list entries still alive (waiting, or a place offered). */
export function useWaitingEntries() {
  const me = useParent();
  return useQuery(trpc.waitingList.mine.queryOptions({ householdId: me.householdId }));
}

/**
 * The entry for this child and target, if any. `mine` names its target in words only, so the
 * match is on the child and the label (« Multisports — Groupe 6-8 ans — … »).
 */
function entryFor(entries: TEntry[] | undefined, childId: number, label: string) {
  return entries?.find((e) => e.childId === childId && e.label === label);
}

/**
 * « Liste d'attente — Léa — Mercredis — élémentaires (6-11 ans) — mercredi 9 décembre »: joins,
 * then says the rank; already on the list, says so instead.
 */
export function JoinWaitingList(props: {
  target: TWaitingTarget;
  /** The child's first name. */
  childName: string;
  /** The target as the server names it: « Natation — Groupe 6-8 ans — … », « Mercredis — … — mercredi 9 décembre ». */
  label: string;
  /** After a refusal (a place was freed meanwhile, the list closed): fetch the page's data again. */
  onRefused?: () => void;
}) {
  const me = useParent();
  const entries = useWaitingEntries();
  const join = useMutation(
    trpc.waitingList.join.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.waitingList.pathFilter()),
      onError: async (error) => {
        if (apiError(error)?.data) {
          await queryClient.invalidateQueries(trpc.waitingList.pathFilter());
          props.onRefused?.();
        }
      },
    }),
  );
  const entry = entryFor(entries.data, props.target.childId, props.label);
  const busy = join.isPending;
  return (
    <div className="waiting">
      {join.isSuccess || !entry ? null : (
        <p className="waiting__on">
          <span aria-hidden="true">⏳ </span>
          {entry.status === "offered"
            ? "Une place vous est proposée : à confirmer dans le panier."
            : "Inscrit(e) sur la liste d'attente."}
        </p>
      )}
      {join.isSuccess || entry ? null : (
        <button
          type="button"
          className="button waiting__button"
          aria-label={`Liste d'attente — ${props.childName} — ${props.label}`}
          disabled={busy}
          onClick={() => {
            if (busy) return;
            join.mutate({ householdId: me.householdId, ...props.target });
          }}
        >
          {busy ? "Inscription sur la liste…" : "Liste d'attente"}
        </button>
      )}
      <p className="waiting__done" role="status">
        {join.isSuccess ? `Vous êtes n° ${join.data.position} sur la liste d'attente.` : null}
      </p>
      {join.isError ? (
        <p className="waiting__error" role="alert">
          {errorMessage(join.error)}
        </p>
      ) : null}
    </div>
  );
}

const offerEnd = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** "en attente", "place proposée jusqu'au 2 décembre à 08:00 — à confirmer dans le panier". */
function statusWords(entry: TEntry): string {
  if (entry.status !== "offered") return "en attente";
  const until = entry.offerExpiresAt
    ? ` jusqu'au ${offerEnd.format(new Date(entry.offerExpiresAt))}`
    : "";
  return `place proposée${until} — à confirmer dans le panier`;
}

/** « Mes listes d'attente »: each entry, its state in words, and "Quitter la liste d'attente". */
export function MyWaitingLists(props: { hideWhenEmpty?: boolean }) {
  const entries = useWaitingEntries();
  const [left, setLeft] = useState<string | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  // The button pressed is gone with its entry: the cursor goes to what happened.
  useEffect(() => {
    if (left) done.current?.focus();
  }, [left]);
  const list = entries.data ?? [];
  if (props.hideWhenEmpty && list.length === 0 && !left) return null;
  return (
    <section aria-labelledby="listes-attente" className="waiting-lists">
      <h2 id="listes-attente">Mes listes d'attente</h2>
      <p
        ref={done}
        tabIndex={-1}
        role="status"
        className={left ? "alert alert--success" : undefined}
      >
        {left}
      </p>
      {entries.isPending ? null : entries.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(entries.error)}
        </p>
      ) : list.length === 0 ? (
        <p>Aucun de vos enfants n'est sur une liste d'attente.</p>
      ) : (
        <ul className="list">
          {list.map((entry) => (
            <li key={entry.id}>
              <WaitingEntry
                entry={entry}
                onLeft={() =>
                  setLeft(`${entry.childName} n'est plus sur la liste d'attente : ${entry.label}.`)
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WaitingEntry(props: { entry: TEntry; onLeft: () => void }) {
  const { entry } = props;
  const me = useParent();
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const leave = useMutation(
    trpc.waitingList.leave.mutationOptions({
      onSuccess: async () => {
        props.onLeft();
        // An offered place sits in the panier: show both as they are now.
        await refreshBooking();
      },
    }),
  );
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const name = `${entry.childName} — ${entry.label}`;
  const offered = entry.status === "offered";
  return (
    <article className={`card waiting-entry waiting-entry--${entry.status}`}>
      <p className="waiting-entry__what">{name}</p>
      <p className="waiting-entry__status">
        <span aria-hidden="true">{offered ? "✓ " : "⏳ "}</span>
        <span>{statusWords(entry)}</span>
      </p>
      {offered ? (
        <p>
          <Link to="/espace/panier" className="text-link">
            Voir le panier
          </Link>
        </p>
      ) : null}
      {leave.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(leave.error)}
        </p>
      ) : null}
      {asking ? (
        <div className="confirm-box">
          <p ref={question} tabIndex={-1}>
            Quitter la liste d'attente pour {name} ? Vous perdrez votre rang.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={leave.isPending}
              onClick={() => leave.mutate({ householdId: me.householdId, entryId: entry.id })}
            >
              {leave.isPending ? "Un instant…" : "Oui, quitter la liste"}
            </button>
            <button
              type="button"
              className="button"
              disabled={leave.isPending}
              onClick={() => setAsking(false)}
            >
              Non, rester sur la liste
            </button>
          </div>
        </div>
      ) : (
        <p className="waiting-entry__actions">
          <button
            type="button"
            className="button"
            aria-label={`Quitter la liste d'attente — ${name}`}
            onClick={() => {
              leave.reset();
              setAsking(true);
            }}
          >
            Quitter la liste d'attente
          </button>
        </p>
      )}
    </article>
  );
}
