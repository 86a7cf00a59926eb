import type { RouterOutputs } from "@ef/api";
import { skipToken, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useState } from "react";
import { BackToSpace, Page } from "../../../components/page";
import { lastPlanningMonth, refreshBooking } from "../../../lib/basket";
import { formatEuros } from "../../../lib/format";
import { useParent } from "../../../lib/overview";
import { apiError, errorMessage, queryClient, trpc } from "../../../trpc";

type TStatus = RouterOutputs["payment"]["status"];

type TReturnSearch = {
  /** The payment PayFiP sends the parent back about. */
  paiement?: number | undefined;
};

export const Route = createFileRoute("/espace/paiement/retour")({
  validateSearch: (search: Record<string, unknown>): TReturnSearch => {
    const n = typeof search.paiement === "string" ? Number(search.paiement) : search.paiement;
    return { paiement: typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined };
  },
  component: PaymentReturn,
});

/** Asking for the status asks PayFiP: every 2 s, for 30 s, then the parent decides. */
const POLL_MS = 2_000;
const PATIENCE_MS = 30_000;

/**
 * Back from PayFiP (or a reload, or the back button): the payment's outcome, as the server has it
 * from PayFiP. Everything is on the server, so this page can be shown again at any time.
 */
function PaymentReturn() {
  const me = useParent();
  const { paiement } = Route.useSearch();
  const [waitUntil, setWaitUntil] = useState(() => Date.now() + PATIENCE_MS);
  const [waitedLong, setWaitedLong] = useState(false);
  const status = useQuery({
    ...trpc.payment.status.queryOptions(
      paiement ? { householdId: me.householdId, paymentId: paiement } : skipToken,
    ),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.status === "pending" && !waitedLong ? POLL_MS : false,
  });
  const outcome = status.data?.status;
  const settled = outcome !== undefined && outcome !== "pending";

  useEffect(() => {
    if (waitedLong || settled) return;
    const timer = setTimeout(() => setWaitedLong(true), Math.max(0, waitUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [waitUntil, waitedLong, settled]);

  useEffect(() => {
    // Paid: the days are booked and the panier emptied; otherwise the panier is as it was.
    if (settled) {
      void refreshBooking();
      void queryClient.invalidateQueries(trpc.payment.credit.pathFilter());
    }
  }, [settled]);

  function refresh() {
    setWaitedLong(false);
    setWaitUntil(Date.now() + PATIENCE_MS);
    void status.refetch();
  }

  let body: ReactNode;
  if (!paiement) {
    body = (
      <p className="alert alert--error" role="alert">
        Ce paiement est introuvable.
      </p>
    );
  } else if (status.isError) {
    body = (
      <>
        <p className="alert alert--error" role="alert">
          {errorMessage(status.error)}
        </p>
        {apiError(status.error)?.data?.appCode === "NOT_FOUND" ? null : (
          <p className="actions">
            <button type="button" className="button" onClick={refresh}>
              Réessayer
            </button>
          </p>
        )}
      </>
    );
  } else {
    body = <Outcome payment={status.data} waitedLong={waitedLong} onRefresh={refresh} />;
  }

  return (
    <Page title="Paiement">
      {body}
      <BackToSpace />
    </Page>
  );
}

const TITLES: Record<TStatus["status"], { icon: string; title: string; tone: string }> = {
  paid: { icon: "✓", title: "Paiement accepté", tone: "ok" },
  refused: { icon: "✗", title: "Paiement refusé", tone: "error" },
  cancelled: { icon: "✗", title: "Paiement annulé", tone: "error" },
  expired: { icon: "✗", title: "Délai de paiement dépassé", tone: "error" },
  pending: { icon: "…", title: "Paiement en cours", tone: "wait" },
};

/** The outcome in a box that stays in place from the first check on, so that it is announced. */
function Outcome(props: {
  payment: TStatus | undefined;
  waitedLong: boolean;
  onRefresh: () => void;
}) {
  const { payment } = props;
  const head = !payment
    ? null
    : payment.needsRefund
      ? { icon: "!", title: "Paiement reçu, réservation impossible", tone: "warn" }
      : payment.refunded
        ? { icon: "!", title: "Paiement remboursé", tone: "warn" }
        : TITLES[payment.status];
  return (
    <>
      <div role="status" className={`outcome outcome--${head?.tone ?? "wait"}`}>
        {payment && head ? (
          <>
            <h2 className="outcome__title">
              <span aria-hidden="true" className="outcome__icon">
                {head.icon}
              </span>{" "}
              {head.title}
            </h2>
            {payment.status !== "pending" ? (
              <p>{payment.message}</p>
            ) : props.waitedLong ? (
              <p>Nous attendons encore la réponse de PayFiP…</p>
            ) : (
              <p className="loading">Nous attendons la réponse de PayFiP…</p>
            )}
            {payment.status === "paid" || payment.needsRefund ? <Facts payment={payment} /> : null}
          </>
        ) : (
          <p className="loading">Nous vérifions votre paiement auprès de PayFiP…</p>
        )}
      </div>
      {payment ? (
        <WhatNext payment={payment} waitedLong={props.waitedLong} onRefresh={props.onRefresh} />
      ) : null}
    </>
  );
}

/** What the desk and the bank statement know the payment by. */
function Facts({ payment }: { payment: TStatus }) {
  return (
    <ul className="outcome__facts">
      <li>
        Référence : <strong>{payment.refdet}</strong>
      </li>
      {payment.amountCents > 0 ? (
        <li>
          Montant payé par carte : <strong>{formatEuros(payment.amountCents)}</strong>
        </li>
      ) : null}
      {payment.creditCents > 0 ? (
        <li>
          Avoir utilisé : <strong>{formatEuros(payment.creditCents)}</strong>
        </li>
      ) : null}
      {payment.numauto && payment.amountCents > 0 ? (
        <li>
          Numéro d'autorisation : <strong>{payment.numauto}</strong>
        </li>
      ) : null}
    </ul>
  );
}

/** "Voir mon planning", "Payer à nouveau", or "Actualiser" while PayFiP keeps silent. */
function WhatNext(props: { payment: TStatus; waitedLong: boolean; onRefresh: () => void }) {
  const { payment } = props;
  if (payment.needsRefund || payment.refunded) return null;
  if (payment.status === "pending") {
    return props.waitedLong ? (
      <>
        <p>
          Si vous avez validé le paiement sur PayFiP, ne payez pas une seconde fois : la réponse
          arrive d'elle-même, et le ticket de paiement vous sera envoyé par e-mail.
        </p>
        <p className="actions">
          <button type="button" className="button button--primary" onClick={props.onRefresh}>
            Actualiser
          </button>
        </p>
      </>
    ) : null;
  }
  if (payment.status === "paid") {
    const month = lastPlanningMonth();
    return (
      <p className="actions">
        <Link
          to="/espace/planning"
          search={month ? { mois: month } : {}}
          className="button button--primary button--wide"
        >
          Voir mon planning
        </Link>
      </p>
    );
  }
  return (
    <p className="actions">
      <Link to="/espace/panier" className="button button--primary button--wide">
        Payer à nouveau
      </Link>
    </p>
  );
}
