import { createFileRoute } from "@tanstack/react-router";
import { ComingSoon } from "../../components/coming-soon";
import { GUICHET } from "../../lib/format";

export const Route = createFileRoute("/espace/inscription")({ component: Registration });

function Registration() {
  return (
    <ComingSoon title="Inscription">
      <p>
        L'inscription en ligne aux activités arrive bientôt : accueils périscolaires, accueils de
        loisirs, École Municipale des Sports et Territoire Jeune.
      </p>
      <p>En attendant, {GUICHET}, pour inscrire vos enfants.</p>
      <p>Les inscriptions déjà enregistrées apparaissent sur la page d'accueil de votre espace.</p>
    </ComingSoon>
  );
}
