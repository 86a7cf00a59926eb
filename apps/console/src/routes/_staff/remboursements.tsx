import { createFileRoute, Link } from "@tanstack/react-router";
import { RefundList } from "../../components/refund-list";
import { useDocumentTitle } from "../../lib/document-title";

type TSearch = { paiement?: number | undefined };

const positive = (v: unknown) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * "Remboursements": money PayFiP took that could not book (or paid an invoice already settled).
 * The agent records how it went back to the family — or, with its agreement, turns it into an
 * avoir. `?paiement=` opens that payment's form (the dashboard's "Rembourser").
 */
export const Route = createFileRoute("/_staff/remboursements")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    paiement: positive(search.paiement),
  }),
  component: RefundsPage,
});

function RefundsPage() {
  useDocumentTitle("Remboursements");
  const { paiement } = Route.useSearch();
  return (
    <>
      <h1 tabIndex={-1}>Remboursements</h1>
      <p>
        <Link to="/">← Tableau de bord</Link>
      </p>
      <p className="muted">
        Un paiement reçu dont la réservation n'a pas pu être faite est remboursé à la famille
        (virement, remboursement PayFiP ou chèque du Trésor, avec sa référence), ou porté à son
        avoir si elle l'accepte. La famille reçoit un e-mail.
      </p>
      <RefundList openPaymentId={paiement} />
    </>
  );
}
