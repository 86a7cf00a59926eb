import type { RouterOutputs } from "@ef/api";
import { skipToken, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Badge } from "../../../components/badge";
import { DeskAccountToggle } from "../../../components/desk-account";
import { DeskContactForm, DeskQfForm } from "../../../components/desk-contact-forms";
import { DeskCredentials } from "../../../components/desk-credentials";
import { DossierSection } from "../../../components/dossier-section";
import { MailHistory } from "../../../components/mail-history";
import { Loading, QueryError } from "../../../components/query-error";
import { RefundList } from "../../../components/refund-list";
import { useDocumentTitle } from "../../../lib/document-title";
import { formatAge, formatDay, telHref, todayInParis } from "../../../lib/format";
import { registrationStatusLabels, registrationTone } from "../../../lib/labels";
import { lastSearch } from "../../../lib/last-search";
import { serverNow } from "../../../lib/server-clock";
import { appCodeOf, trpc } from "../../../trpc";

type THousehold = RouterOutputs["staff"]["households"]["get"];

/** `/foyers/12` → 12; anything else is no household at all. */
function householdIdOf(param: string): number | null {
  return /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
}

export const Route = createFileRoute("/_staff/foyers/$householdId")({
  loader: ({ context, params }) => {
    const householdId = householdIdOf(params.householdId);
    if (householdId !== null) {
      void context.queryClient.prefetchQuery(
        trpc.staff.households.get.queryOptions({ householdId }),
      );
    }
  },
  component: HouseholdPage,
});

function HouseholdPage() {
  const householdId = householdIdOf(Route.useParams().householdId);
  const household = useQuery(
    trpc.staff.households.get.queryOptions(householdId === null ? skipToken : { householdId }),
  );
  const data = household.data;
  useDocumentTitle(data ? `${data.household.name} (${data.household.accountCode})` : "Foyer");

  const notFound = householdId === null || appCodeOf(household.error) === "NOT_FOUND";
  return (
    <>
      <nav className="breadcrumb" aria-label="Fil d'Ariane">
        <Link to="/" search={{ q: lastSearch() }}>
          Familles
        </Link>
      </nav>
      <h1 tabIndex={-1}>
        {data ? (
          <>
            {data.household.name} <span className="h1-code">{data.household.accountCode}</span>
          </>
        ) : (
          "Foyer"
        )}
      </h1>
      {notFound ? (
        <div className="alert alert-error" role="alert">
          Ce foyer est introuvable.
        </div>
      ) : household.isError ? (
        <QueryError error={household.error} onRetry={() => void household.refetch()} />
      ) : data ? (
        <HouseholdFile data={data} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function HouseholdFile({ data }: { data: THousehold }) {
  const today = todayInParis(serverNow());
  return (
    <div className="file">
      <p className="actions screen-only">
        <Link
          to="/foyers/$householdId/planning"
          params={{ householdId: String(data.household.id) }}
          className="button"
        >
          Réserver pour la famille
        </Link>
      </p>
      <HouseholdSection household={data.household} today={today} />
      <DeskEditSection household={data.household} />
      <GuardiansSection guardians={data.guardians} />
      <ChildrenSection items={data.children} />
      <DossierSection householdId={data.household.id} />
      <section className="panel screen-only" aria-labelledby="facturation-titre">
        <h2 id="facturation-titre">Facturation</h2>
        <p>
          <Link
            to="/facturation/releve/$householdId"
            params={{ householdId: String(data.household.id) }}
          >
            Relevé de compte (factures, paiements, solde)
          </Link>
        </p>
        <RefundList householdId={data.household.id} headingLevel={3} />
      </section>
      <AccountsSection accounts={data.accounts} householdId={data.household.id} />
      {data.accounts.length > 0 ? (
        <DeskCredentials
          householdId={data.household.id}
          householdName={data.household.name}
          hasEmail={data.household.email !== ""}
          disabled={data.accounts.every((a) => a.disabled)}
        />
      ) : null}
      <MailHistory householdId={data.household.id} />
    </div>
  );
}

function HouseholdSection({
  household: h,
  today,
}: {
  household: THousehold["household"];
  today: string;
}) {
  const qfExpired = h.qfValidUntil !== null && h.qfValidUntil < today;
  return (
    <section className="panel" aria-labelledby="foyer-titre">
      <h2 id="foyer-titre">Foyer</h2>
      <dl className="facts">
        <div>
          <dt>Identifiant</dt>
          <dd className="mono">{h.accountCode}</dd>
        </div>
        <div>
          <dt>Adresse</dt>
          <dd>
            {h.addressLine}
            <br />
            {h.postalCode} {h.city}
          </dd>
        </div>
        <div>
          <dt>Résidence</dt>
          <dd>{h.resident ? "Résident d'Albertville" : "Hors commune (non résident)"}</dd>
        </div>
        <div>
          <dt>Quotient familial</dt>
          <dd>
            {h.qf === null ? (
              <Badge tone="warn">Non renseigné</Badge>
            ) : (
              <>
                {h.qf}
                {h.qfValidUntil ? (
                  qfExpired ? (
                    <>
                      {" "}
                      <Badge tone="bad">{`Expiré depuis le ${formatDay(h.qfValidUntil)}`}</Badge>
                    </>
                  ) : (
                    ` — valable jusqu'au ${formatDay(h.qfValidUntil)}`
                  )
                ) : (
                  " — sans date de validité"
                )}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>E-mail</dt>
          <dd>{h.email ? <a href={`mailto:${h.email}`}>{h.email}</a> : "Non renseigné"}</dd>
        </div>
        <div>
          <dt>Téléphone</dt>
          <dd>{h.phone ? <a href={telHref(h.phone)}>{h.phone}</a> : "Non renseigné"}</dd>
        </div>
      </dl>
    </section>
  );
}

function GuardiansSection({ guardians }: { guardians: THousehold["guardians"] }) {
  return (
    <section className="panel" aria-labelledby="parents-titre">
      <h2 id="parents-titre">Parents</h2>
      {guardians.length === 0 ? (
        <p>Aucun parent enregistré.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Lien</th>
              <th scope="col">E-mail</th>
              <th scope="col">Téléphone</th>
            </tr>
          </thead>
          <tbody>
            {guardians.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {g.firstName} {g.lastName}
                </th>
                <td>{capitalise(g.relationship)}</td>
                <td>{g.email ? <a href={`mailto:${g.email}`}>{g.email}</a> : "—"}</td>
                <td>{g.phone ? <a href={telHref(g.phone)}>{g.phone}</a> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ChildrenSection({ items }: { items: THousehold["children"] }) {
  return (
    <section className="panel" aria-labelledby="enfants-titre">
      <h2 id="enfants-titre">Enfants</h2>
      {items.length === 0 ? <p>Aucun enfant enregistré.</p> : null}
      {items.map((c) => {
        const titleId = `enfant-${c.id}`;
        return (
          <article key={c.id} className="child" aria-labelledby={titleId}>
            <h3 id={titleId}>
              {c.firstName} {c.lastName}
              {c.pai ? (
                <span className="badge badge-bad badge-pai">
                  PAI<span className="sr-only"> (projet d'accueil individualisé)</span>
                </span>
              ) : null}
            </h3>
            <dl className="facts">
              <div>
                <dt>Date de naissance</dt>
                <dd>
                  {formatDay(c.birthDate)} ({formatAge(c.age)})
                </dd>
              </div>
              <div>
                <dt>Classe</dt>
                <dd>{c.classLevel ?? "Non renseignée"}</dd>
              </div>
              <div>
                <dt>École</dt>
                <dd>{c.schoolName ?? "Non renseignée"}</dd>
              </div>
            </dl>
            {c.healthNotes || c.pai ? (
              <div className="health">
                <h4>Santé</h4>
                {c.pai ? (
                  <p>
                    <strong>PAI</strong> : un projet d'accueil individualisé est en place.
                  </p>
                ) : null}
                {c.healthNotes ? <p className="health-notes">{c.healthNotes}</p> : null}
              </div>
            ) : (
              <p className="muted">Aucune information de santé signalée.</p>
            )}
            <h4>Inscriptions de la saison</h4>
            {c.registrations.length === 0 ? (
              <p className="muted">Aucune inscription.</p>
            ) : (
              <ul className="registrations">
                {c.registrations.map((r) => (
                  <li key={r.id}>
                    <span>
                      {r.activityName} <span className="muted">— {r.typeLabel}</span>
                    </span>
                    <span className="registration-state">
                      <Badge tone={registrationTone[r.status]}>
                        {registrationStatusLabels[r.status]}
                      </Badge>
                      {r.status === "pending" ? <Link to="/inscriptions">À valider</Link> : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </section>
  );
}

/** "Modifier les coordonnées" and "Modifier le quotient familial", one form open at a time. */
function DeskEditSection({ household }: { household: THousehold["household"] }) {
  const [open, setOpen] = useState<"contact" | "qf" | null>(null);
  return (
    <section className="panel screen-only" aria-label="Modifier le foyer">
      {open === "contact" ? (
        <>
          <h2>Modifier les coordonnées</h2>
          <DeskContactForm household={household} onDone={() => setOpen(null)} />
        </>
      ) : open === "qf" ? (
        <>
          <h2>Modifier le quotient familial</h2>
          <DeskQfForm household={household} onDone={() => setOpen(null)} />
        </>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setOpen("contact")}
          >
            Modifier les coordonnées
          </button>
          <button type="button" className="button button-secondary" onClick={() => setOpen("qf")}>
            Modifier le quotient familial
          </button>
        </div>
      )}
    </section>
  );
}

function AccountsSection({
  accounts,
  householdId,
}: {
  accounts: THousehold["accounts"];
  householdId: number;
}) {
  return (
    <section className="panel" aria-labelledby="compte-titre">
      <h2 id="compte-titre">Compte</h2>
      {accounts.length === 0 ? (
        <p>Aucun compte de connexion pour ce foyer.</p>
      ) : (
        <ul className="accounts">
          {accounts.map((a) => (
            <li key={a.id}>
              <span>
                Identifiant de connexion : <span className="mono">{a.login}</span>
              </span>
              {a.disabled ? <Badge tone="bad">Désactivé</Badge> : null}
              {a.mustChangePassword ? <Badge tone="warn">Mot de passe à changer</Badge> : null}
              {!a.disabled && !a.mustChangePassword ? <Badge tone="ok">Actif</Badge> : null}
            </li>
          ))}
        </ul>
      )}
      {accounts.length > 0 ? (
        <DeskAccountToggle householdId={householdId} disabled={accounts.every((a) => a.disabled)} />
      ) : null}
    </section>
  );
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
