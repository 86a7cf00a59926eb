import { createFileRoute } from "@tanstack/react-router";
import { ComingSoon } from "../../components/coming-soon";
import { GUICHET } from "../../lib/format";

export const Route = createFileRoute("/espace/planning")({ component: Planning });

function Planning() {
  return (
    <ComingSoon title="Planning">
      <p>
        Le planning en ligne arrive bientôt : vous pourrez y réserver et annuler, jour par jour, la
        présence de vos enfants aux activités auxquelles ils sont inscrits.
      </p>
      <p>
        En attendant, {GUICHET}, pour réserver ou annuler des jours. Les jours déjà réservés restent
        valables.
      </p>
    </ComingSoon>
  );
}
