import { skipToken, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { DeskPlanningGrid, type TPendingChange } from "../../../components/desk-planning-grid";
import { DeskPlanningPaid } from "../../../components/desk-planning-paid";
import { DeskPlanningRecap } from "../../../components/desk-planning-recap";
import { DeskPlanningRegistrations } from "../../../components/desk-planning-registrations";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { stringParam } from "../../../lib/search-params";
import { appCodeOf, trpc } from "../../../trpc";

type TSearch = { mois?: string };

/** `/foyers/12/planning` → 12; anything else is no household at all. */
function householdIdOf(param: string): number | null {
  return /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
}

export const Route = createFileRoute("/_staff/foyers/$householdId_/planning")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    mois: stringParam(search.mois),
  }),
  component: DeskPlanningPage,
});

/**
 * "Réserver pour la famille": the family's month planning as a grid (days × child and activity),
 * ticked into the family's own panier, then the récapitulatif and "Terminer". A closed or full day
 * may be passed with a reason, which the audit log keeps. EMS groups and Territoire Jeune sessions
 * go into the same panier ("Inscriptions en paiement"), settled by the same "Terminer".
 */
function DeskPlanningPage() {
  const { me } = Route.useRouteContext();
  const householdId = householdIdOf(Route.useParams().householdId);
  const search = Route.useSearch();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(search.mois ?? "")
    ? (search.mois as string)
    : me.today.slice(0, 7);
  const household = useQuery(
    trpc.staff.households.get.queryOptions(householdId === null ? skipToken : { householdId }),
  );
  const name = household.data?.household.name;
  useDocumentTitle(name ? `Réservations au guichet — ${name}` : "Réservations au guichet");
  // Changes ticked but not yet "Validé", kept across months until they are.
  const [pending, setPending] = useState<Map<string, TPendingChange>>(new Map());
  const [reason, setReason] = useState("");

  const notFound = householdId === null || appCodeOf(household.error) === "NOT_FOUND";
  return (
    <>
      <nav className="breadcrumb" aria-label="Fil d'Ariane">
        <Link to="/">Familles</Link>
        {householdId !== null ? (
          <>
            {" › "}
            <Link to="/foyers/$householdId" params={{ householdId: String(householdId) }}>
              {name ?? "Foyer"}
            </Link>
          </>
        ) : null}
      </nav>
      <h1 tabIndex={-1}>
        Réservations au guichet
        {household.data ? (
          <>
            {" — "}
            {household.data.household.name}{" "}
            <span className="h1-code">{household.data.household.accountCode}</span>
          </>
        ) : null}
      </h1>
      {notFound ? (
        <div className="alert alert-error" role="alert">
          Ce foyer est introuvable.
        </div>
      ) : household.isError ? (
        <QueryError error={household.error} onRetry={() => void household.refetch()} />
      ) : householdId === null || !household.data ? (
        <Loading />
      ) : (
        <>
          <p className="lead">
            Le planning et le panier sont ceux de la famille : elle voit les mêmes changements dans
            son espace. Un jour fermé (date limite passée) ou complet ne se réserve ou ne s'annule
            qu'avec un motif, gardé dans le journal.
          </p>
          <DeskPlanningGrid
            householdId={householdId}
            month={month}
            pending={pending}
            setPending={setPending}
            reason={reason}
            setReason={setReason}
          />
          <DeskPlanningPaid householdId={householdId} reason={reason} setReason={setReason} />
          <DeskPlanningRecap householdId={householdId} reason={reason} setReason={setReason} />
          <DeskPlanningRegistrations householdId={householdId} household={household.data} />
        </>
      )}
    </>
  );
}
