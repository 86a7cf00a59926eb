import { createFileRoute, Link } from "@tanstack/react-router";
import { useCallback } from "react";
import { Dashboard } from "../../components/dashboard";
import { FamilySearch, readFamilyQuery } from "../../components/family-search";
import { useDocumentTitle } from "../../lib/document-title";
import { stringParam } from "../../lib/search-params";

type TSearch = { q?: string };

/**
 * The console's home, "Tableau de bord": the families search on top (the desk's first move), then
 * what waits for an agent today and the places left on the coming days.
 */
export const Route = createFileRoute("/_staff/")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({ q: stringParam(search.q) }),
  component: HomePage,
});

function HomePage() {
  const { q } = Route.useSearch();
  const navigate = Route.useNavigate();
  const { valid } = readFamilyQuery(q);
  useDocumentTitle(valid ? `Tableau de bord — recherche « ${valid} »` : "Tableau de bord");
  const onSearch = useCallback(
    (next: string | undefined, opts: { replace: boolean }) =>
      void navigate({ search: { q: next }, replace: opts.replace }),
    [navigate],
  );

  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>Tableau de bord</h1>
        <Link to="/foyers/nouveau" className="button">
          Nouvelle famille
        </Link>
      </div>
      <section className="panel" aria-label="Familles">
        <FamilySearch q={q} onSearch={onSearch} />
      </section>
      <Dashboard />
    </>
  );
}
