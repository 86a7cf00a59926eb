import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  type ErrorComponentProps,
  Link,
  Outlet,
  useRouter,
} from "@tanstack/react-router";
import { PublicShell } from "../components/public-shell";
import { useDocumentTitle } from "../lib/document-title";
import { errorMessage } from "../trpc";

export type TRouterContext = { queryClient: QueryClient };

export const Route = createRootRouteWithContext<TRouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RootError,
});

function NotFound() {
  useDocumentTitle("Page introuvable");
  return (
    <PublicShell>
      <h1>Page introuvable</h1>
      <p>Cette adresse ne correspond à aucune page de la console.</p>
      <p>
        <Link to="/">Retour à la recherche des familles</Link>
      </p>
    </PublicShell>
  );
}

/** A page's code that cannot be fetched: most often, a new version of the console was installed. */
function isStaleChunk(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|import/i.test(error.message);
}

function RootError({ error }: ErrorComponentProps) {
  const router = useRouter();
  useDocumentTitle("Erreur");
  const stale = isStaleChunk(error);
  return (
    <PublicShell>
      <h1>La page n'a pas pu s'afficher</h1>
      <div role="alert" className="alert alert-error">
        {stale
          ? "La console a peut-être été mise à jour. Rechargez la page pour continuer."
          : errorMessage(error)}
      </div>
      <p className="actions">
        <button
          type="button"
          className="button"
          onClick={() => (stale ? window.location.reload() : void router.invalidate())}
        >
          {stale ? "Recharger la page" : "Réessayer"}
        </button>
        <Link to="/">Retour à la recherche des familles</Link>
      </p>
    </PublicShell>
  );
}
