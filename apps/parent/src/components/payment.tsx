/**
 * The payment's pieces of a récapitulatif, shared by the panier and "Inscriptions en paiement":
 * the inscriptions to pay, the amounts (with the avoir), how long a place is held, and the way
 * back to a payment in progress. One module with the payment code on purpose: on its own, the
 * bundler hoisted it into the first script every page loads.
 */
import type { RouterOutputs } from "@ef/api";
import { formatEuros } from "../lib/format";
import { useParent } from "../lib/overview";
import { type TAmounts, useStartPayment } from "../lib/payment";
import { errorMessage } from "../trpc";
import { useSubmitOnce } from "./form";

type TSummary = RouterOutputs["basket"]["get"];

/**
 * A change refused because a payment of this panier is in progress: the server's message, and
 * "Reprendre le paiement", which goes back to the same PayFiP page (same panier, same version).
 */
export function PaymentInProgress(props: {
  error: unknown;
  basketId: number | null;
  version: number;
}) {
  const me = useParent();
  const pay = useStartPayment();
  const submitOnce = useSubmitOnce();
  const leaving = pay.isPending || pay.isSuccess;
  const { basketId } = props;
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorMessage(props.error)}</p>
      {pay.isError ? <p>{errorMessage(pay.error)}</p> : null}
      {basketId ? (
        <p>
          <button
            type="button"
            className="button button--primary"
            disabled={leaving}
            onClick={() => {
              if (leaving) return;
              submitOnce(() =>
                pay.mutateAsync({ householdId: me.householdId, basketId, version: props.version }),
              );
            }}
          >
            {leaving ? "Redirection vers PayFiP…" : "Reprendre le paiement"}
          </button>
        </p>
      ) : null}
    </div>
  );
}

const holdTime = new Intl.DateTimeFormat("fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** "14:20", in Albertville's time zone. */
export function formatHoldTime(iso: string): string {
  return holdTime.format(new Date(iso));
}

/** Until when the place is held, or that it is no longer. */
export function Hold(props: { holdExpiresAt: string | null; holdLost: boolean; day?: boolean }) {
  if (props.holdLost) {
    return (
      <span className="line__warning">
        {props.day
          ? "La place n'est plus retenue : ce jour est peut-être complet."
          : "La place n'est plus retenue : le groupe ou la séance est peut-être complet."}
      </span>
    );
  }
  return props.holdExpiresAt ? (
    <span className="line__note">place retenue jusqu'à {formatHoldTime(props.holdExpiresAt)}</span>
  ) : null;
}

/** Inscriptions en paiement (EMS group, Territoire Jeune session): paid now, like loisirs days. */
export function RegistrationLines(props: { registrations: TSummary["registrations"] }) {
  return (
    <section className="card" aria-labelledby="inscriptions-a-payer">
      <h2 id="inscriptions-a-payer" className="card__title">
        Inscriptions à payer
      </h2>
      <ul className="lines">
        {props.registrations.map((r) => (
          <li key={r.id} className="line line--add">
            <span className="line__day">
              {r.childName} — {r.activityName}
            </span>
            <span className="visually-hidden"> — </span>
            <span className="line__activity">{r.label}</span>
            <span className="visually-hidden"> — </span>
            <span className="line__price">{formatEuros(r.priceCents)}</span>
            <span className="line__note">à payer maintenant</span>
            <Hold holdExpiresAt={r.holdExpiresAt} holdLost={r.holdLost} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Montant à payer", the avoir it uses, and what is left to pay by card. */
export function Amounts({ amounts }: { amounts: TAmounts }) {
  return (
    <div className="totals">
      <p className="total">
        Montant à payer : <strong>{formatEuros(amounts.toPayCents)}</strong>
      </p>
      {amounts.creditCents > 0 ? (
        <>
          <p className="total">
            Avoir utilisé : <strong>− {formatEuros(amounts.creditCents)}</strong>
          </p>
          <p className="total total--due">
            Reste à payer : <strong>{formatEuros(amounts.dueCents)}</strong>
          </p>
        </>
      ) : null}
      {amounts.dueCents > 0 ? (
        <p className="note">
          Paiement par carte bancaire sur PayFiP, le service de paiement en ligne de l'État. Le
          ticket de paiement vous est envoyé par e-mail : c'est la preuve de votre réservation.
        </p>
      ) : (
        <p className="note">Votre avoir couvre tout : aucun paiement par carte.</p>
      )}
      {amounts.postpaidCents > 0 ? (
        <p className="note">
          Accueils périscolaires : {formatEuros(amounts.postpaidCents)}, facturé en fin de mois, sur
          la facture mensuelle.
        </p>
      ) : null}
    </div>
  );
}
