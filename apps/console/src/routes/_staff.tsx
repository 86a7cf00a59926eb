import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link, Outlet, redirect, useRouterState } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { FormAlert } from "../components/field";
import { PiecesToReviewLink } from "../components/pieces-to-review-link";
import { PublicShell } from "../components/public-shell";
import { SessionWatcher } from "../components/session-watcher";
import { useDocumentTitle } from "../lib/document-title";
import { clearFlash, peekFlash } from "../lib/flash";
import { roleLabels } from "../lib/labels";
import { MAX_PENDING, pendingRegistrationsQuery } from "../lib/pending-registrations";
import { markSessionGone, meQuery, publicHref } from "../lib/session";
import { useLogout } from "../lib/use-logout";
import { errorMessage } from "../trpc";

/** Every page for logged-in staff: the guard, the top bar, the navigation, the idle timeout. */
export const Route = createFileRoute("/_staff")({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    const back = location.href === "/" ? undefined : publicHref(location.href);
    if (!me) {
      // A session that existed in this browser has ended (a reload, a bookmark opened later).
      const expired = markSessionGone() ? ("1" as const) : undefined;
      throw redirect({ to: "/connexion", search: { redirect: back, expired } });
    }
    if (me.role !== "parent" && me.mustChangePassword) {
      throw redirect({ to: "/mot-de-passe", search: { redirect: back } });
    }
    return { me };
  },
  component: StaffLayout,
});

function StaffLayout() {
  const { me } = Route.useRouteContext();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // The page actually shown (after its code and data have loaded), for moving the focus.
  const shownPath = useRouterState({ select: (s) => s.resolvedLocation?.pathname ?? null });
  const logout = useLogout();
  // Shown on the page it was meant for, and gone once the agent moves on.
  const [flash] = useState(() => {
    const message = peekFlash();
    return message ? { message, pathname } : null;
  });
  const lastPath = useRef(shownPath);

  useEffect(() => {
    clearFlash();
  }, []);

  // A new page: its title gets the focus, as a screen reader user expects after a link.
  useEffect(() => {
    const previous = lastPath.current;
    lastPath.current = shownPath;
    // Not on a fresh page load: the browser starts at the top, skip link first.
    if (previous === null || previous === shownPath) return;
    const frame = requestAnimationFrame(() => {
      document.querySelector<HTMLElement>("#contenu h1")?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [shownPath]);

  if (me.role === "parent") return <ParentRefusal />;

  const inFamilies = pathname === "/" || pathname.startsWith("/foyers/");
  const inRegistrations = pathname.startsWith("/inscriptions");
  const inPieces = pathname.startsWith("/pieces");
  const inAttendance = pathname.startsWith("/pointage");
  const inBilling = pathname.startsWith("/facturation");
  const inRefunds = pathname.startsWith("/remboursements");
  const inAbsences = pathname.startsWith("/absences");
  const inStaffAccounts = pathname.startsWith("/admin/personnel");
  const inSeasons = pathname.startsWith("/admin/saisons");
  const inCatalogue = pathname.startsWith("/admin/catalogue");
  const inContent = pathname.startsWith("/admin/contenus");
  const inAuditLog = pathname.startsWith("/admin/journal");
  return (
    <div className="app">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Espace Famille — Console
        </Link>
        <div className="topbar-user">
          <p className="user">
            <span className="user-name">{me.displayName}</span>
            <span className="sr-only">, </span>
            <span className="user-role">{roleLabels[me.role]}</span>
          </p>
          <Link to="/mot-de-passe" className="topbar-link">
            Changer de mot de passe
          </Link>
          <button
            type="button"
            className="button button-light"
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            Se déconnecter
          </button>
        </div>
      </header>
      {logout.isError ? (
        <div className="topbar-alert">
          <FormAlert message={errorMessage(logout.error)} />
        </div>
      ) : null}
      <div className="shell">
        <nav className="sidenav" aria-label="Navigation principale">
          <p className="nav-heading" id="nav-quotidien">
            Au quotidien
          </p>
          <ul aria-labelledby="nav-quotidien">
            <li>
              <Link
                to="/"
                className={inFamilies ? "nav-link nav-link-active" : "nav-link"}
                activeOptions={{ exact: true, includeSearch: false }}
              >
                Tableau de bord
              </Link>
            </li>
            <li>
              <Link
                to="/pointage"
                className={inAttendance ? "nav-link nav-link-active" : "nav-link"}
              >
                Pointage
              </Link>
            </li>
          </ul>
          <p className="nav-heading" id="nav-familles">
            Familles
          </p>
          <ul aria-labelledby="nav-familles">
            <li>
              <PendingRegistrationsLink active={inRegistrations} />
            </li>
            <li>
              <PiecesToReviewLink active={inPieces} />
            </li>
            <li>
              <Link to="/absences" className={inAbsences ? "nav-link nav-link-active" : "nav-link"}>
                Absences à vérifier
              </Link>
            </li>
          </ul>
          <p className="nav-heading" id="nav-paiements">
            Paiements
          </p>
          <ul aria-labelledby="nav-paiements">
            <li>
              <Link
                to="/facturation"
                className={inBilling ? "nav-link nav-link-active" : "nav-link"}
              >
                Facturation
              </Link>
            </li>
            <li>
              <Link
                to="/remboursements"
                className={inRefunds ? "nav-link nav-link-active" : "nav-link"}
              >
                Remboursements
              </Link>
            </li>
          </ul>
          {me.role === "admin" ? (
            <>
              <p className="nav-heading" id="nav-administration">
                Administration
              </p>
              <ul aria-labelledby="nav-administration">
                <li>
                  <Link
                    to="/admin/saisons"
                    className={inSeasons ? "nav-link nav-link-active" : "nav-link"}
                  >
                    Saisons et calendriers
                  </Link>
                </li>
                <li>
                  <Link
                    to="/admin/catalogue"
                    className={inCatalogue ? "nav-link nav-link-active" : "nav-link"}
                  >
                    Catalogue des activités
                  </Link>
                </li>
                <li>
                  <Link
                    to="/admin/personnel"
                    className={inStaffAccounts ? "nav-link nav-link-active" : "nav-link"}
                  >
                    Comptes du personnel
                  </Link>
                </li>
                <li>
                  <Link
                    to="/admin/contenus"
                    className={inContent ? "nav-link nav-link-active" : "nav-link"}
                  >
                    Actualités et documents
                  </Link>
                </li>
                <li>
                  <Link
                    to="/admin/journal"
                    className={inAuditLog ? "nav-link nav-link-active" : "nav-link"}
                  >
                    Journal des modifications
                  </Link>
                </li>
              </ul>
            </>
          ) : null}
        </nav>
        <main id="contenu" className="content" tabIndex={-1}>
          {flash && flash.pathname === pathname ? (
            <div className="alert alert-success" role="status">
              {flash.message}
            </div>
          ) : null}
          <Outlet />
        </main>
      </div>
      <SessionWatcher warnBeforeMs={me.warnBeforeMs} />
    </div>
  );
}

/** "Inscriptions à valider", with how many wait: read out as "Inscriptions à valider (2)". */
function PendingRegistrationsLink({ active }: { active: boolean }) {
  const pending = useQuery(pendingRegistrationsQuery());
  const count = pending.data?.length ?? 0;
  const shown = count >= MAX_PENDING ? `${MAX_PENDING}+` : String(count);
  return (
    <Link to="/inscriptions" className={active ? "nav-link nav-link-active" : "nav-link"}>
      Inscriptions à valider
      {count > 0 ? (
        <>
          <span className="nav-count" aria-hidden="true">
            {shown}
          </span>
          <span className="sr-only"> ({shown})</span>
        </>
      ) : null}
    </Link>
  );
}

/** A family account that found its way here: say so, and let it log out. */
function ParentRefusal() {
  useDocumentTitle("Accès réservé");
  const logout = useLogout();
  return (
    <PublicShell>
      <h1>Accès réservé</h1>
      <p className="lead">Cette console est réservée au personnel.</p>
      <p>
        Les familles utilisent l'<a href="/">Espace Famille</a>.
      </p>
      <FormAlert message={logout.isError ? errorMessage(logout.error) : null} />
      <button
        type="button"
        className="button"
        disabled={logout.isPending}
        onClick={() => logout.mutate()}
      >
        Se déconnecter
      </button>
    </PublicShell>
  );
}
