import { createFileRoute, Link } from "@tanstack/react-router";
import { DeskHouseholdForm } from "../../../components/desk-household-form";
import { useDocumentTitle } from "../../../lib/document-title";
import { lastSearch } from "../../../lib/last-search";

export const Route = createFileRoute("/_staff/foyers/nouveau")({
  component: NewHouseholdPage,
});

function NewHouseholdPage() {
  useDocumentTitle("Nouvelle famille");
  return (
    <>
      <nav className="breadcrumb" aria-label="Fil d'Ariane">
        <Link to="/" search={{ q: lastSearch() }}>
          Familles
        </Link>
      </nav>
      <h1 tabIndex={-1}>Nouvelle famille</h1>
      <p className="lead">
        Le compte reçoit l'identifiant suivant (F et 5 chiffres). Remettez ensuite les identifiants
        depuis la fiche du foyer.
      </p>
      <DeskHouseholdForm />
    </>
  );
}
