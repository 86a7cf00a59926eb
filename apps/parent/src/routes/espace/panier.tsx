import type { RouterOutputs } from "@ef/api";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { FormAlert, useSubmitOnce } from "../../components/form";
import { BackToSpace, Loading, Page } from "../../components/page";
import { Amounts, Hold, PaymentInProgress, RegistrationLines } from "../../components/payment";
import { lastPlanningMonth, refreshBooking, useBasket } from "../../lib/basket";
import { monthOf } from "../../lib/dates";
import { formatEuros } from "../../lib/format";
import { useParent } from "../../lib/overview";
import {
  amountsOf,
  hasSomethingToPay,
  isPaymentInProgress,
  paidNow,
  useCredit,
  useStartPayment,
} from "../../lib/payment";
import { apiError, errorMessage, trpc } from "../../trpc";

type TSummary = RouterOutputs["basket"]["get"];
type TLine = TSummary["lines"][number];

export const Route = createFileRoute("/espace/panier")({ component: Summary });

/** On a stale panier (another screen changed it), show it as it is now. */
async function refreshOnConflict(error: unknown) {
  if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
}

/** The server's refusal: "a payment is in progress" comes with the way back to it. */
function MutationError(props: { error: unknown; summary: TSummary }) {
  if (isPaymentInProgress(props.error)) {
    return (
      <PaymentInProgress
        error={props.error}
        basketId={props.summary.basketId}
        version={props.summary.version}
      />
    );
  }
  return <FormAlert>{errorMessage(props.error)}</FormAlert>;
}

/**
 * The récapitulatif: per child, days added and cancelled with amounts. "Terminer" confirms; with
 * days of loisirs (paid at once), "Payer" sends the parent to PayFiP instead.
 */
function Summary() {
  const me = useParent();
  const basket = useBasket();
  const toPay = basket.data ? hasSomethingToPay(basket.data) : false;
  const credit = useCredit(toPay);
  const pay = useStartPayment();
  const [askClear, setAskClear] = useState(false);
  const done = useRef<HTMLDivElement>(null);
  const question = useRef<HTMLParagraphElement>(null);

  const confirm = useMutation(
    trpc.basket.confirm.mutationOptions({ onSuccess: refreshBooking, onError: refreshOnConflict }),
  );
  const clear = useMutation(
    trpc.basket.clear.mutationOptions({
      onSuccess: async () => {
        setAskClear(false);
        await refreshBooking();
      },
      onError: refreshOnConflict,
    }),
  );
  // Disabled from the first tap until the next page: a double tap sends once.
  const confirming = confirm.isPending || confirm.isSuccess;
  const paying = pay.isPending || pay.isSuccess;
  const busy = confirming || paying;
  const submitOnce = useSubmitOnce();

  useEffect(() => {
    if (confirm.isSuccess || clear.isSuccess) done.current?.focus();
  }, [confirm.isSuccess, clear.isSuccess]);

  useEffect(() => {
    if (askClear) question.current?.focus();
  }, [askClear]);

  const data = basket.data;
  const planningMonth =
    lastPlanningMonth() ?? (data?.lines[0] ? monthOf(data.lines[0].date) : undefined);
  const planningSearch = planningMonth ? { mois: planningMonth } : {};

  let body: ReactNode;
  if (confirm.isSuccess) {
    body = (
      <div ref={done} tabIndex={-1} className="alert alert--success" role="status">
        <p>Vos modifications sont enregistrées. Un e-mail de confirmation vous a été envoyé.</p>
        <p>
          <Link to="/espace/planning" search={planningSearch}>
            Planning
          </Link>
        </p>
      </div>
    );
  } else if (basket.isPending) {
    body = <Loading />;
  } else if (basket.isError) {
    body = (
      <p className="alert alert--error" role="alert">
        {errorMessage(basket.error)}
      </p>
    );
  } else if (
    (basket.data.lines.length === 0 && basket.data.registrations.length === 0) ||
    !basket.data.basketId
  ) {
    body = (
      <>
        {clear.isSuccess ? (
          <div ref={done} tabIndex={-1} className="alert alert--success" role="status">
            Les modifications ont été annulées : votre planning est inchangé.
          </div>
        ) : null}
        <p>Votre panier est vide.</p>
        <p>
          <Link to="/espace/planning" search={planningSearch} className="button">
            Planning
          </Link>
        </p>
      </>
    );
  } else {
    const summary = basket.data;
    const basketId = summary.basketId ?? 0;
    const amounts = toPay ? amountsOf(summary, credit.data?.balanceCents ?? 0) : null;
    const version = { householdId: me.householdId, basketId, version: summary.version };
    body = (
      <>
        {amounts ? (
          <p>
            Vérifiez vos changements, puis {"«\u00a0Payer\u00a0»"}. Les jours sont réservés dès que
            PayFiP a accepté le paiement : jusque-là, rien n'est réservé ni annulé.
          </p>
        ) : (
          <p>
            Vérifiez vos changements, puis {"«\u00a0Terminer\u00a0»"} pour les enregistrer. Tant que
            vous n'avez pas terminé, rien n'est réservé ni annulé.
          </p>
        )}
        <ul className="list">
          {summary.children.map((child) => (
            <li key={child.childId}>
              <ChildChanges child={child} />
            </li>
          ))}
        </ul>
        {summary.registrations.length > 0 ? (
          <RegistrationLines registrations={summary.registrations} />
        ) : null}
        {amounts ? (
          <Amounts amounts={amounts} />
        ) : (
          <>
            <p className="total">
              Total des jours ajoutés : <strong>{formatEuros(summary.addedCents)}</strong>
            </p>
            {summary.hasPostpaid ? (
              <p className="note">
                Accueils périscolaires : facturé en fin de mois, sur la facture mensuelle.
              </p>
            ) : null}
          </>
        )}
        {confirm.isError ? <MutationError error={confirm.error} summary={summary} /> : null}
        {pay.isError ? <MutationError error={pay.error} summary={summary} /> : null}
        <div className="actions actions--stacked">
          {amounts ? (
            <button
              type="button"
              className="button button--primary button--wide"
              disabled={busy}
              onClick={() => {
                if (busy) return;
                submitOnce(() => pay.mutateAsync(version));
              }}
            >
              {paying ? "Redirection vers PayFiP…" : "Payer"}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary button--wide"
              disabled={busy}
              onClick={() => {
                if (busy) return;
                submitOnce(() => confirm.mutateAsync(version));
              }}
            >
              {confirm.isPending ? "Enregistrement…" : "Terminer"}
            </button>
          )}
          <Link to="/espace/planning" search={planningSearch} className="button button--wide">
            Modifier encore
          </Link>
        </div>
        {clear.isError ? <MutationError error={clear.error} summary={summary} /> : null}
        {askClear ? (
          <div className="confirm-box">
            <p ref={question} tabIndex={-1}>
              Annuler toutes les modifications du panier ? Les jours ajoutés ne seront pas réservés,
              les jours à annuler resteront réservés.
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button--danger"
                disabled={clear.isPending}
                onClick={() =>
                  clear.mutate({ householdId: me.householdId, version: summary.version })
                }
              >
                {clear.isPending ? "Annulation…" : "Oui, annuler les modifications"}
              </button>
              <button
                type="button"
                className="button"
                disabled={clear.isPending}
                onClick={() => setAskClear(false)}
              >
                Non, garder le panier
              </button>
            </div>
          </div>
        ) : (
          <p>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() => {
                clear.reset();
                setAskClear(true);
              }}
            >
              Annuler les modifications
            </button>
          </p>
        )}
      </>
    );
  }

  return (
    <Page title="Récapitulatif">
      {body}
      <BackToSpace />
    </Page>
  );
}

function ChildChanges({ child }: { child: TSummary["children"][number] }) {
  return (
    <section className="card" aria-labelledby={`enfant-${child.childId}`}>
      <h2 id={`enfant-${child.childId}`} className="card__title">
        {child.childName}
      </h2>
      {child.added.length > 0 ? (
        <>
          <h3 className="card__subtitle">Jours ajoutés</h3>
          <Lines lines={child.added} />
          <p className="subtotal">
            Sous-total : <strong>{formatEuros(child.addedCents)}</strong>
          </p>
        </>
      ) : null}
      {child.cancelled.length > 0 ? (
        <>
          <h3 className="card__subtitle">Jours annulés</h3>
          <Lines lines={child.cancelled} />
          <p className="subtotal">
            Sous-total des jours annulés : <strong>{formatEuros(child.cancelledCents)}</strong>
          </p>
        </>
      ) : null}
    </section>
  );
}

/** How the line is paid: on the monthly invoice, now through PayFiP, or given back as avoir. */
function billingWords(line: TLine): string {
  if (line.action === "add") return paidNow(line) ? "à payer maintenant" : "facturé en fin de mois";
  return paidNow(line) ? "montant rendu en avoir" : "ne sera pas facturé";
}

function Lines({ lines }: { lines: TLine[] }) {
  return (
    <ul className="lines">
      {lines.map((line) => (
        <li key={line.id} className={`line line--${line.action}`}>
          <span className="line__day">{line.dayLabel}</span>
          <span className="visually-hidden"> — </span>
          <span className="line__activity">{line.activityName}</span>
          <span className="visually-hidden"> — </span>
          <span className="line__price">{formatEuros(line.priceCents)}</span>
          <span className="line__note">{billingWords(line)}</span>
          <Hold holdExpiresAt={line.holdExpiresAt} holdLost={line.holdLost} day />
        </li>
      ))}
    </ul>
  );
}
