import { createFileRoute, Link } from "@tanstack/react-router";
import { LogoutButton } from "../../components/logout-button";
import { Loading, Page } from "../../components/page";
import { useFlash } from "../../lib/flash";
import {
  dossierSummary,
  formatAge,
  registrationWords,
  type TChild,
  type TDossier,
} from "../../lib/format";
import { useOverview, useParent } from "../../lib/overview";
import { errorMessage } from "../../trpc";

export const Route = createFileRoute("/espace/")({ component: SpaceHome });

function SpaceHome() {
  const me = useParent();
  const flash = useFlash();
  const overview = useOverview();
  return (
    <Page title="Mon espace" heading={`Bonjour, ${me.displayName}`}>
      {flash ? (
        <p className="alert alert--success" role="status">
          {flash}
        </p>
      ) : null}
      {overview.data?.dossier ? <DossierStatus dossier={overview.data.dossier} /> : null}

      <nav aria-label="Mes démarches">
        <ul className="tiles">
          <li>
            <Link to="/espace/inscription" className="tile">
              Inscription
            </Link>
          </li>
          <li>
            <Link to="/espace/inscriptions-en-paiement" className="tile">
              Inscriptions en paiement
            </Link>
          </li>
          <li>
            <Link to="/espace/planning" className="tile">
              Planning
            </Link>
          </li>
          <li>
            <Link to="/espace/paiements" className="tile">
              Paiements
            </Link>
          </li>
          <li>
            <Link to="/espace/dossier" className="tile">
              Mon dossier
            </Link>
          </li>
          <li>
            <Link to="/espace/absence" className="tile">
              Signaler une absence
            </Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="enfants">
        <h2 id="enfants">Mes enfants</h2>
        {overview.isPending ? (
          <Loading />
        ) : overview.isError ? (
          <p className="alert alert--error">{errorMessage(overview.error)}</p>
        ) : overview.data.children.length === 0 ? (
          <p>Aucun enfant n'est enregistré. Le guichet unique peut les ajouter à votre foyer.</p>
        ) : (
          <ul className="list">
            {overview.data.children.map((child) => (
              <li key={child.id}>
                <ChildCard child={child} seasonCode={overview.data.dossier?.seasonCode} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="compte">
        <h2 id="compte">Mon compte</h2>
        <p>
          Identifiant : <strong>{me.login}</strong>
        </p>
        <div className="actions">
          <Link to="/mot-de-passe/changer" className="button">
            Changer mon mot de passe
          </Link>
          <LogoutButton />
        </div>
      </section>
    </Page>
  );
}

function DossierStatus(props: { dossier: TDossier }) {
  const complete = props.dossier.status === "complete";
  return (
    <p className={complete ? "status-line status-line--ok" : "status-line status-line--todo"}>
      <span aria-hidden="true">{complete ? "✓" : "!"}</span>{" "}
      <span>{dossierSummary(props.dossier)}</span>
    </p>
  );
}

function ChildCard({ child, seasonCode }: { child: TChild; seasonCode: string | undefined }) {
  const school = [child.classLevel, child.schoolName].filter(Boolean).join(" — ");
  return (
    <article className="card">
      <h3>{child.firstName}</h3>
      <p className="meta">
        {formatAge(child.age)}
        {school ? ` · ${school}` : ""}
      </p>
      <h4 className="card__subtitle">
        {seasonCode ? `Inscriptions ${seasonCode}` : "Inscriptions"}
      </h4>
      {child.registrations.length === 0 ? (
        <p>Aucune inscription pour le moment.</p>
      ) : (
        <ul className="registrations">
          {child.registrations.map((r) => (
            <li key={r.id}>
              <span>{r.detail ? `${r.activityName} — ${r.detail}` : r.activityName}</span>
              <span className="visually-hidden"> : </span>
              <span className={`badge badge--${r.status}`}>{registrationWords[r.status]}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
