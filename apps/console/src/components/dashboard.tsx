import type { RouterOutputs } from "@ef/api";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { firstOfMonth, formatDate } from "../lib/format";
import { trpc } from "../trpc";
import { Badge } from "./badge";
import "./dashboard.css";
import { Loading, QueryError } from "./query-error";

type TDashboard = RouterOutputs["staff"]["dashboard"]["get"];

const WEEKDAYS = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const dayWithWeekday = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "mercredi 9 décembre" from `2026-12-09`. */
function formatWeekday(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : firstOfMonth(dayWithWeekday.format(at));
}

/** "Complet" in red, a few places in amber, otherwise the count: always said in words. */
function PlacesLeft({ left }: { left: number | null }) {
  if (left === null) return <Badge tone="neutral">Sans limite</Badge>;
  if (left === 0) return <Badge tone="bad">Complet</Badge>;
  const words = left === 1 ? "1 place" : `${left} places`;
  return left <= 3 ? <Badge tone="warn">{words}</Badge> : <span>{words}</span>;
}

/** What waits for an agent today, and the places left on what comes. */
export function Dashboard() {
  const dashboard = useQuery(trpc.staff.dashboard.get.queryOptions());
  if (dashboard.isPending) return <Loading label="Chargement du tableau de bord…" />;
  if (dashboard.isError) {
    return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  const d = dashboard.data;
  return (
    <>
      <section className="panel" aria-labelledby="a-traiter-titre">
        <h2 id="a-traiter-titre">À traiter</h2>
        <ul className="dashboard-counts">
          <li>
            <Link to="/inscriptions">
              <strong>{d.pendingRegistrations}</strong>{" "}
              {d.pendingRegistrations > 1 ? "inscriptions à valider" : "inscription à valider"}
            </Link>
          </li>
          <li>
            <Link to="/pieces">
              <strong>{d.pieces.total}</strong>{" "}
              {d.pieces.total > 1 ? "pièces à vérifier" : "pièce à vérifier"}
            </Link>
          </li>
          <li>
            <a href="#remboursements-titre">
              <strong>{d.refunds.total}</strong>{" "}
              {d.refunds.total > 1 ? "paiements à rembourser" : "paiement à rembourser"}
            </a>
          </li>
        </ul>
      </section>
      <PiecesSection pieces={d.pieces} />
      <RefundsSection refunds={d.refunds} />
      <LoisirsSection d={d} />
      <EmsSection groups={d.emsGroups} />
      <TjSection d={d} />
    </>
  );
}

function HouseholdLink({ h }: { h: { id: number; accountCode: string; name: string } }) {
  return (
    <Link to="/foyers/$householdId" params={{ householdId: String(h.id) }}>
      {h.name} <span className="mono">({h.accountCode})</span>
    </Link>
  );
}

function PiecesSection({ pieces }: { pieces: TDashboard["pieces"] }) {
  return (
    <section className="panel" aria-labelledby="pieces-titre">
      <h2 id="pieces-titre" tabIndex={-1}>
        Pièces à vérifier
      </h2>
      {pieces.households.length === 0 ? (
        <p>Aucune pièce déposée en attente de vérification.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Foyers ayant déposé des pièces à vérifier</caption>
          <thead>
            <tr>
              <th scope="col">Foyer</th>
              <th scope="col">Pièces</th>
              <th scope="col">Déposée depuis le</th>
            </tr>
          </thead>
          <tbody>
            {pieces.households.map((h) => (
              <tr key={h.id}>
                <th scope="row">
                  <HouseholdLink h={h} />
                </th>
                <td>{h.count}</td>
                <td>{h.oldestUploadedAt ? formatDate(h.oldestUploadedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RefundsSection({ refunds }: { refunds: TDashboard["refunds"] }) {
  return (
    <section className="panel" aria-labelledby="remboursements-titre">
      <h2 id="remboursements-titre" tabIndex={-1}>
        Paiements à rembourser
      </h2>
      <p>
        <Link to="/remboursements">Remboursements : à faire et effectués</Link>
      </p>
      {refunds.payments.length === 0 ? (
        <p>Aucun paiement à rembourser.</p>
      ) : (
        <>
          <p>
            {refunds.total > 1
              ? `${refunds.total} paiements, ${euros.format(refunds.amountCents / 100)} au total.`
              : `1 paiement, ${euros.format(refunds.amountCents / 100)}.`}
          </p>
          <table className="table">
            <caption className="sr-only">Paiements reçus à rembourser aux familles</caption>
            <thead>
              <tr>
                <th scope="col">Foyer</th>
                <th scope="col">Référence</th>
                <th scope="col">Montant</th>
                <th scope="col">Payé le</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {refunds.payments.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <HouseholdLink h={p.household} />
                  </th>
                  <td className="mono">{p.refdet}</td>
                  <td>{euros.format(p.amountCents / 100)}</td>
                  <td>{p.paidAt ? formatDate(p.paidAt) : "—"}</td>
                  <td>
                    <Link
                      to="/remboursements"
                      search={{ paiement: p.id }}
                      aria-label={`Rembourser le paiement ${p.refdet}`}
                    >
                      Rembourser
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function LoisirsSection({ d }: { d: TDashboard }) {
  return (
    <section className="panel" aria-labelledby="loisirs-titre">
      <h2 id="loisirs-titre">Accueils de loisirs : places restantes</h2>
      <p className="muted">
        Du {formatWeekday(d.today)} au {formatWeekday(d.until)} (réservations et paniers en cours
        déduits).
      </p>
      {d.loisirs.length === 0 ? (
        <p>Aucun jour d'accueil de loisirs dans les 14 prochains jours.</p>
      ) : (
        d.loisirs.map((a) => (
          <table className="table" key={a.activityId}>
            <caption>{a.name}</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Réservées</th>
                <th scope="col">Places restantes</th>
              </tr>
            </thead>
            <tbody>
              {a.days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{formatWeekday(day.date)}</th>
                  <td>{day.capacity === null ? day.taken : `${day.taken} sur ${day.capacity}`}</td>
                  <td>
                    <PlacesLeft left={day.left} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </section>
  );
}

function EmsSection({ groups }: { groups: TDashboard["emsGroups"] }) {
  return (
    <section className="panel" aria-labelledby="ems-titre">
      <h2 id="ems-titre">École Municipale des Sports : places restantes</h2>
      {groups.length === 0 ? (
        <p>Aucun groupe EMS cette saison.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Groupes EMS de la saison</caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col">Créneau</th>
              <th scope="col">Inscrits</th>
              <th scope="col">Places restantes</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {g.activityName} — {g.name}
                </th>
                <td>
                  {WEEKDAYS[g.weekday] ?? ""} {g.startTime}–{g.endTime}
                </td>
                <td>{`${g.taken} sur ${g.capacity}`}</td>
                <td>
                  <PlacesLeft left={g.left} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TjSection({ d }: { d: TDashboard }) {
  return (
    <section className="panel" aria-labelledby="tj-titre">
      <h2 id="tj-titre">Territoire Jeune : prochaines sessions</h2>
      {d.tjSessions.length === 0 ? (
        <p>Aucune session de Territoire Jeune dans les 14 prochains jours.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Sessions des 14 prochains jours</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Date</th>
              <th scope="col">Inscrits</th>
              <th scope="col">Places restantes</th>
            </tr>
          </thead>
          <tbody>
            {d.tjSessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.title}</th>
                <td>
                  {formatWeekday(s.date)} à {s.startTime}
                </td>
                <td>{`${s.taken} sur ${s.capacity}`}</td>
                <td>
                  <PlacesLeft left={s.left} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
