import { ZBillingMonthValueSchema } from "@ef/api/schemas";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { downloadCsv, formatEuros, previousMonth } from "../../../components/billing-download";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { countOf, formatDay } from "../../../lib/format";
import { stringParam } from "../../../lib/search-params";
import { errorMessage, queryClient, trpc } from "../../../trpc";

type TSearch = { mois?: string };

export const Route = createFileRoute("/_staff/facturation/")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    mois: stringParam(search.mois),
  }),
  component: BillingPage,
});

/** Facturation: a month's preview (households, amounts, lines), then issue; what was issued. */
function BillingPage() {
  const { me } = Route.useRouteContext();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const month = search.mois ?? previousMonth(me.today);
  const monthError = ZBillingMonthValueSchema.safeParse(month).error?.issues[0]?.message;
  // A town's preview takes seconds: not recomputed on every return to the tab.
  const preview = useQuery({
    ...trpc.staff.billing.preview.queryOptions(monthError ? skipToken : { month }),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  const [confirming, setConfirming] = useState(false);
  useDocumentTitle(preview.data ? `Facturation — ${preview.data.monthLabel}` : "Facturation");

  const issue = useMutation(
    trpc.staff.billing.issue.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries(trpc.staff.billing.pathFilter());
      },
    }),
  );
  const exportCsv = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery({
        ...trpc.staff.billing.exportCsv.queryOptions({ month }),
        staleTime: 0,
      }),
    onSuccess: ({ fileName, csv }) => downloadCsv(fileName, csv),
  });

  const data = preview.data;
  return (
    <>
      <h1 tabIndex={-1}>Facturation</h1>
      <p>
        Les accueils périscolaires sont facturés après le mois écoulé, au tarif enregistré lors de
        la réservation. <Link to="/facturation/impayes">Factures impayées</Link>
      </p>
      <form className="attendance-controls" onSubmit={(e) => e.preventDefault()}>
        <div className={monthError ? "field field-invalid" : "field"}>
          <label htmlFor="facturation-mois">Mois facturé</label>
          <input
            id="facturation-mois"
            type="month"
            value={month}
            aria-invalid={monthError ? true : undefined}
            aria-describedby={monthError ? "facturation-mois-error" : undefined}
            onChange={(e) => {
              if (e.target.value) {
                issue.reset();
                setConfirming(false);
                void navigate({ search: { mois: e.target.value } });
              }
            }}
          />
          {monthError ? (
            <p className="field-error" id="facturation-mois-error">
              {monthError}
            </p>
          ) : null}
        </div>
      </form>
      <div aria-live="polite">
        {issue.isSuccess ? (
          <div className="alert alert-success">
            {issue.data.factures === 0 && issue.data.avoirs === 0
              ? "Rien de nouveau à facturer : aucune facture n'a été émise."
              : `${countOf(issue.data.factures, "facture émise", "factures émises")} pour ${formatEuros(issue.data.totalCents)}${
                  issue.data.avoirs ? `, ${countOf(issue.data.avoirs, "avoir", "avoirs")}` : ""
                }. Les familles ont été prévenues par e-mail.`}
          </div>
        ) : null}
      </div>
      {issue.isError ? (
        <div role="alert" className="alert alert-error">
          {errorMessage(issue.error)}
        </div>
      ) : null}
      {monthError ? null : preview.isPending ? (
        <Loading />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : data ? (
        <>
          <section aria-labelledby="apercu">
            <h2 id="apercu">Aperçu — {data.monthLabel}</h2>
            {data.refusal ? (
              <div role="alert" className="alert alert-info">
                {data.refusal}
              </div>
            ) : data.households.length === 0 ? (
              <p>Aucune facture à émettre pour ce mois.</p>
            ) : (
              <>
                <p>
                  {countOf(data.households.length, "foyer", "foyers")} à facturer, total{" "}
                  <strong>{formatEuros(data.totalCents)}</strong>.
                </p>
                <div className="row-actions">
                  {confirming ? (
                    <>
                      <button
                        type="button"
                        className="button"
                        disabled={issue.isPending}
                        onClick={() => issue.mutate({ month })}
                      >
                        {issue.isPending
                          ? "Émission…"
                          : `Confirmer l'émission de ${countOf(data.households.length, "facture", "factures")}`}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setConfirming(false)}
                      >
                        Annuler
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button" onClick={() => setConfirming(true)}>
                      Émettre les factures
                    </button>
                  )}
                </div>
                <table className="table">
                  <caption className="sr-only">Foyers à facturer pour {data.monthLabel}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Foyer</th>
                      <th scope="col">Tranche de QF</th>
                      <th scope="col">Jours</th>
                      <th scope="col">Montant</th>
                      <th scope="col">Détail</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.households.map((h) => (
                      <tr key={h.householdId}>
                        <td>
                          <span className="mono">{h.accountCode}</span> {h.name}
                        </td>
                        <td>{h.qfLabel}</td>
                        <td>
                          {h.days}
                          {h.excused ? ` (+ ${countOf(h.excused, "excusé", "excusés")})` : ""}
                          {h.credits ? ` — ${countOf(h.credits, "avoir", "avoirs")}` : ""}
                        </td>
                        <td>
                          {formatEuros(h.totalCents)}
                          {h.avoirCents ? ` — avoir ${formatEuros(h.avoirCents)}` : ""}
                        </td>
                        <td>
                          <details>
                            <summary>Lignes ({h.lines.length})</summary>
                            <ul>
                              {h.lines.map((l, i) => (
                                <li key={`${i}-${l.label}`}>
                                  {l.label} : {formatEuros(l.amountCents)}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section aria-labelledby="emises">
            <h2 id="emises">Factures émises — {data.monthLabel}</h2>
            {data.issued.length === 0 ? (
              <p>Aucune facture émise pour ce mois.</p>
            ) : (
              <>
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={exportCsv.isPending}
                    onClick={() => exportCsv.mutate()}
                  >
                    Exporter pour la trésorerie (CSV)
                  </button>
                </div>
                {exportCsv.isError ? (
                  <div role="alert" className="alert alert-error">
                    {errorMessage(exportCsv.error)}
                  </div>
                ) : null}
                <table className="table">
                  <caption className="sr-only">Factures émises pour {data.monthLabel}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Numéro</th>
                      <th scope="col">Foyer</th>
                      <th scope="col">Montant</th>
                      <th scope="col">Échéance</th>
                      <th scope="col">État</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.issued.map((i) => (
                      <tr key={i.id}>
                        <td>
                          <a
                            href={`/factures/${i.id}/${i.number}.pdf`}
                            target="_blank"
                            rel="noopener"
                          >
                            {i.number}
                          </a>
                        </td>
                        <td>
                          <Link
                            to="/facturation/releve/$householdId"
                            params={{ householdId: String(i.householdId) }}
                          >
                            <span className="mono">{i.accountCode}</span> {i.householdName}
                          </Link>
                        </td>
                        <td>{formatEuros(i.totalCents)}</td>
                        <td>{i.kind === "facture" ? formatDay(i.dueOn) : "—"}</td>
                        <td>
                          {i.kind === "avoir" ? (
                            <span className="badge badge-neutral">Avoir</span>
                          ) : i.status === "paid" ? (
                            <span className="badge badge-ok">Payée</span>
                          ) : (
                            <span className="badge badge-warn">
                              À payer
                              {i.paidCents ? ` (reste ${formatEuros(i.remainingCents)})` : ""}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
