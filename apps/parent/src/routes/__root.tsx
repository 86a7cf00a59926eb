import {
  createRootRoute,
  type ErrorComponentProps,
  Link,
  Outlet,
  useRouter,
} from "@tanstack/react-router";
import { Loading, Page } from "../components/page";
import { errorMessage } from "../trpc";

export const Route = createRootRoute({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
  pendingComponent: Pending,
});

function NotFound() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page de l'Espace Famille.</p>
      <p>
        <Link to="/" className="button">
          Retour à l'accueil
        </Link>
      </p>
    </Page>
  );
}

function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Page title="Page indisponible">
      <div className="alert alert--error" role="alert">
        {errorMessage(error)}
      </div>
      <p className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            // Run the page's checks again (a guard may have failed on the network), then redraw.
            void router.invalidate().finally(reset);
          }}
        >
          Réessayer
        </button>
        <Link to="/" className="button">
          Retour à l'accueil
        </Link>
      </p>
    </Page>
  );
}

function Pending() {
  return (
    <Page title="Chargement">
      <Loading />
    </Page>
  );
}
