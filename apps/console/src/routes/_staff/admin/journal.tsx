import type { RouterOutputs } from "@ef/api";
import { ZAuditListSchema } from "@ef/api/schemas";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import "../../../components/admin.css";
import { Field } from "../../../components/field";
import { Loading, QueryError } from "../../../components/query-error";
import { auditActionLabels, auditFieldLabels } from "../../../lib/audit-labels";
import { useDocumentTitle } from "../../../lib/document-title";
import { firstOfMonth, formatDay } from "../../../lib/format";
import { stringParam } from "../../../lib/search-params";
import { trpc } from "../../../trpc";

type TRow = RouterOutputs["admin"]["audit"]["list"]["rows"][number];
type TSearch = { foyer?: string; personnel?: string; avant?: string };

const positive = (v: string | undefined) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null);

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
export const Route = createFileRoute("/_staff/admin/journal")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    foyer: stringParam(search.foyer),
    personnel: stringParam(search.personnel),
    avant: stringParam(search.avant),
  }),
  component: AuditPage,
});

const dateTimeFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "Europe/Paris",
});

/** "Journal des modifications": who did what and when, read-only. */
function AuditPage() {
  useDocumentTitle("Journal des modifications");
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const [household, setHousehold] = useState(search.foyer ?? "");
  const [actor, setActor] = useState(search.personnel ?? "");
  const [fieldError, setFieldError] = useState<string | undefined>();
  useEffect(() => {
    setHousehold(search.foyer ?? "");
    setActor(search.personnel ?? "");
  }, [search.foyer, search.personnel]);

  const parsed = ZAuditListSchema.safeParse({
    household: search.foyer ?? "",
    actorUserId: positive(search.personnel),
    before: positive(search.avant),
  });
  const staff = useQuery(trpc.admin.staffAccounts.list.queryOptions());
  const log = useQuery({
    ...trpc.admin.audit.list.queryOptions(
      parsed.success ? parsed.data : { household: "", actorUserId: null, before: null },
    ),
    enabled: parsed.success,
    placeholderData: keepPreviousData,
  });
  const urlError = parsed.success ? undefined : parsed.error.issues[0]?.message;

  return (
    <>
      <p className="breadcrumb">Administration</p>
      <h1 tabIndex={-1}>Journal des modifications</h1>
      <p className="lead">
        Qui a fait quoi, et quand, avec les valeurs avant et après. Ce journal ne se modifie pas.
      </p>
      <search>
        <form
          className="panel audit-filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const check = ZAuditListSchema.shape.household.safeParse(household);
            if (!check.success) {
              setFieldError(check.error.issues[0]?.message);
              document.getElementById("journal-foyer")?.focus();
              return;
            }
            setFieldError(undefined);
            void navigate({
              search: {
                foyer: check.data || undefined,
                personnel: actor || undefined,
                avant: undefined,
              },
            });
          }}
        >
          <Field
            id="journal-foyer"
            label="Foyer"
            hint="Identifiant, par exemple F00123"
            autoComplete="off"
            spellCheck={false}
            value={household}
            onValue={(v) => {
              setHousehold(v);
              setFieldError(undefined);
            }}
            error={fieldError ?? urlError}
          />
          <div className="field">
            <label htmlFor="journal-personnel">Membre du personnel</label>
            <select id="journal-personnel" value={actor} onChange={(e) => setActor(e.target.value)}>
              <option value="">Tout le monde</option>
              {(staff.data ?? []).map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.displayName} ({s.login})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <button type="submit" className="button">
              Filtrer
            </button>
          </div>
        </form>
      </search>

      <section aria-labelledby="journal-resultats">
        <h2 id="journal-resultats" className="sr-only">
          Modifications
        </h2>
        <p role="status" className="results-count">
          {log.isSuccess
            ? log.data.rows.length === 0
              ? "Aucune modification ne correspond."
              : `${log.data.rows.length} modification${log.data.rows.length > 1 ? "s" : ""} affichée${log.data.rows.length > 1 ? "s" : ""}${search.avant ? " (page suivante)" : ", de la plus récente à la plus ancienne"}.`
            : ""}
        </p>
        {!parsed.success ? null : log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : log.data.rows.length === 0 ? null : (
          <>
            <AuditTable rows={log.data.rows} />
            <div className="actions">
              {search.avant ? (
                <Link
                  to="/admin/journal"
                  search={{ foyer: search.foyer, personnel: search.personnel }}
                  className="button button-secondary"
                >
                  Revenir aux plus récentes
                </Link>
              ) : null}
              {log.data.nextBefore !== null ? (
                <Link
                  to="/admin/journal"
                  search={{
                    foyer: search.foyer,
                    personnel: search.personnel,
                    avant: String(log.data.nextBefore),
                  }}
                  className="button button-secondary"
                >
                  Modifications plus anciennes
                </Link>
              ) : null}
            </div>
          </>
        )}
      </section>
    </>
  );
}

function AuditTable({ rows }: { rows: TRow[] }) {
  return (
    <table className="table">
      <caption className="sr-only">Journal des modifications</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Par</th>
          <th scope="col">Action</th>
          <th scope="col">Foyer</th>
          <th scope="col">Avant → après</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{firstOfMonth(dateTimeFr.format(Date.parse(r.at)))}</td>
            <td>{r.actor ? `${r.actor.displayName} (${r.actor.login})` : "Système"}</td>
            <th scope="row">
              {auditActionLabels[r.action] ?? r.action}
              <span className="muted"> {r.entityId ? entityWords(r.entityId) : ""}</span>
            </th>
            <td>
              {r.household ? (
                <Link to="/foyers/$householdId" params={{ householdId: String(r.household.id) }}>
                  {r.household.name} <span className="mono">({r.household.accountCode})</span>
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td>
              <Changes before={r.before} after={r.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const monthFr = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** What the line is about: "n° 12", or a billed month "novembre 2026" (not "#2026-11"). */
function entityWords(id: string): string {
  if (/^\d{4}-\d{2}$/.test(id)) return `— ${monthFr.format(Date.parse(`${id}-01T00:00:00Z`))}`;
  return /^\d+$/.test(id) ? `n° ${id}` : id;
}

/** The states the log records, in words (the line's action says what they belong to). */
const statusWords: Record<string, string> = {
  accepted: "acceptée",
  absent: "absent",
  booked: "réservé",
  cancelled: "annulé",
  complete: "complet",
  excused: "excusé",
  failed: "échec d'envoi",
  incomplete: "incomplet",
  missing: "manquante",
  paid: "payé",
  pending: "en attente",
  present: "présent",
  refused: "refusé",
  sent: "envoyé",
  unpaid: "à payer",
  uploaded: "déposée, à vérifier",
  validated: "validé",
};

/** A recorded value as a person reads it: amounts in euros, dates in French, yes/no. */
function show(v: unknown, key = ""): string {
  if (v === undefined || v === null || v === "") return "—";
  if (v === true) return "oui";
  if (v === false) return "non";
  if (typeof v === "number" && key.endsWith("Cents")) return euros.format(v / 100);
  if (key === "status" && typeof v === "string") return statusWords[v] ?? v;
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDay(v);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) {
    return firstOfMonth(dateTimeFr.format(Date.parse(v)));
  }
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) {
    return v.join(", ");
  }
  return JSON.stringify(v);
}

/** Each recorded field: its old value struck out, its new value after. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before == null && after == null) return <span className="muted">—</span>;
    return (
      <span>
        {show(before)} → {show(after)}
      </span>
    );
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return (
    <ul className="audit-changes">
      {keys.map((k) => {
        const old = b ? b[k] : undefined;
        const next = a ? a[k] : undefined;
        const same = b && a && JSON.stringify(old) === JSON.stringify(next);
        return (
          <li key={k}>
            <span className="muted">{auditFieldLabels[k] ?? k} : </span>
            {same || !b ? (
              <span>{show(next, k)}</span>
            ) : !a ? (
              <del>{show(old, k)}</del>
            ) : (
              <>
                <del>
                  <span className="sr-only">avant : </span>
                  {show(old, k)}
                </del>{" "}
                →{" "}
                <ins>
                  <span className="sr-only">après : </span>
                  {show(next, k)}
                </ins>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
