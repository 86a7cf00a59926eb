import { Link, useLocation } from "@tanstack/react-router";
import { useBasket } from "../lib/basket";

/**
 * « N changements non confirmés — Terminer les modifications »: while the panier holds changes,
 * every page says so, so that a day in the panier is never mistaken for a booked one.
 */
export function BasketBanner() {
  const basket = useBasket();
  const { pathname } = useLocation();
  // Days and inscriptions en paiement alike: each is a change not confirmed yet.
  const count = (basket.data?.lines.length ?? 0) + (basket.data?.registrations.length ?? 0);
  // The récapitulatif is where the link leads: there, the page itself says it.
  const shown = count > 0 && pathname !== "/espace/panier";
  return (
    <div role="status" className={shown ? "basket-banner" : undefined}>
      {shown ? (
        <p>
          <span className="basket-banner__count">
            {count > 1 ? `${count} changements non confirmés` : `${count} changement non confirmé`}
          </span>{" "}
          {/* The link goes on its own line: no dash left hanging at the end of the first. */}
          <span className="visually-hidden">—</span>{" "}
          <Link to="/espace/panier" className="basket-banner__link">
            Terminer les modifications
          </Link>
        </p>
      ) : null}
    </div>
  );
}
