import { useParent } from "../lib/overview";
import { useStartPayment } from "../lib/payment";
import { errorMessage } from "../trpc";
import { useSubmitOnce } from "./form";

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
