import type { RouterOutputs } from "@ef/api";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { FormAlert, useSubmitOnce } from "../../components/form";
import { BackToSpace, Loading, Page } from "../../components/page";
import { lastPlanningMonth, refreshBooking, useBasket } from "../../lib/basket";
import { monthOf } from "../../lib/dates";
import { formatEuros } from "../../lib/format";
import { useParent } from "../../lib/overview";
import { apiError, errorMessage, trpc } from "../../trpc";

type TSummary = RouterOutputs["basket"]["get"];
type TLine = TSummary["lines"][number];

export const Route = createFileRoute("/espace/panier")({ component: Summary });

/** On a stale panier (another screen changed it), show it as it is now. */
async function refreshOnConflict(error: unknown) {
  if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
}

/** The récapitulatif: per child, days added and cancelled with amounts; "Terminer" confirms. */
function Summary() {
  const me = useParent();
  const basket = useBasket();
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
  } else if (basket.data.lines.length === 0 || !basket.data.basketId) {
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
    body = (
      <>
        <p>
          Vérifiez vos changements, puis « Terminer » pour les enregistrer. Tant que vous n'avez pas
          terminé, rien n'est réservé ni annulé.
        </p>
        <ul className="list">
          {summary.children.map((child) => (
            <li key={child.childId}>
              <ChildChanges child={child} />
            </li>
          ))}
        </ul>
        <p className="total">
          Total des jours ajoutés : <strong>{formatEuros(summary.addedCents)}</strong>
        </p>
        {summary.hasPostpaid ? (
          <p className="note">
            Accueils périscolaires : facturé en fin de mois, sur la facture mensuelle.
          </p>
        ) : null}
        {confirm.isError ? <FormAlert>{errorMessage(confirm.error)}</FormAlert> : null}
        <div className="actions actions--stacked">
          <button
            type="button"
            className="button button--primary button--wide"
            disabled={confirming}
            onClick={() => {
              if (confirming) return;
              submitOnce(() =>
                confirm.mutateAsync({
                  householdId: me.householdId,
                  basketId,
                  version: summary.version,
                }),
              );
            }}
          >
            {confirm.isPending ? "Enregistrement…" : "Terminer"}
          </button>
          <Link to="/espace/planning" search={planningSearch} className="button button--wide">
            Modifier encore
          </Link>
        </div>
        {clear.isError ? <FormAlert>{errorMessage(clear.error)}</FormAlert> : null}
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
              disabled={confirming}
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

const holdTime = new Intl.DateTimeFormat("fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

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
          {line.action === "add" && line.billingMode === "postpaid" ? (
            <span className="line__note">facturé en fin de mois</span>
          ) : null}
          {line.holdExpiresAt && !line.holdLost ? (
            <span className="line__note">
              place retenue jusqu'à {holdTime.format(new Date(line.holdExpiresAt))}
            </span>
          ) : null}
          {line.holdLost ? (
            <span className="line__warning">
              La place n'est plus retenue : ce jour est peut-être complet.
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
