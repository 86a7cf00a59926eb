import { createFileRoute } from "@tanstack/react-router";
import { ComingSoon } from "../../components/coming-soon";
import { GUICHET } from "../../lib/format";

export const Route = createFileRoute("/espace/paiements")({ component: Payments });

function Payments() {
  return (
    <ComingSoon title="Paiements">
      <p>
        Le paiement en ligne par carte bancaire (PayFiP) et la consultation de vos factures arrivent
        bientôt.
      </p>
      <p>En attendant, {GUICHET}, pour régler vos factures et vos inscriptions.</p>
    </ComingSoon>
  );
}
