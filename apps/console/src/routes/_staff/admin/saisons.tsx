import { calendarKindLabels } from "@ef/api/schemas";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Badge } from "../../../components/badge";
import { SelectField, weekdayNames } from "../../../components/catalogue-form";
import "../../../components/catalogue-styles.css";
import { Loading, QueryError } from "../../../components/query-error";
import {
  nextSeasonOf,
  PeriodForm,
  SeasonForm,
  SeasonImpact,
  useCalendarChange,
} from "../../../components/season-calendar";
import { useDocumentTitle } from "../../../lib/document-title";
import { formatDay } from "../../../lib/format";
import { errorMessage, trpc } from "../../../trpc";

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
export const Route = createFileRoute("/_staff/admin/saisons")({
  component: SeasonsPage,
});

type TPeriodKind = "school_holiday" | "public_holiday" | "closure";
type TEditing = { kind: "period"; id: number | null } | { kind: "season" } | { kind: "newSeason" };

function SeasonsPage() {
  useDocumentTitle("Saisons et calendriers");
  const seasons = useQuery(trpc.admin.seasons.list.queryOptions());
  const [chosen, setChosen] = useState<number | null>(null);
  const seasonId = chosen ?? seasons.data?.[0]?.id ?? null;
  const detail = useQuery(
    trpc.admin.seasons.get.queryOptions(seasonId === null ? skipToken : { seasonId }),
  );
  const [editing, setEditing] = useState<TEditing | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Periods are entered one after the other: after "Ajouter la période" the form stays open,
  // empty, on the same kind.
  const [periodKind, setPeriodKind] = useState<TPeriodKind>("school_holiday");
  const [added, setAdded] = useState(0);
  const calendar = useCalendarChange((message) => {
    setDone(message);
    if (editing?.kind === "period" && editing.id === null) {
      setAdded((n) => n + 1);
    } else {
      setEditing(null);
    }
  });
  const queryClient = useQueryClient();
  const registration = useMutation(
    trpc.admin.seasons.setRegistrationOpen.mutationOptions({
      onSuccess: (_r, input) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.seasons.pathKey() });
        const code = detail.data?.season.code ?? "";
        setDone(
          input.open
            ? `Inscriptions ${code} ouvertes : les familles peuvent inscrire leurs enfants aux activités proposées de cette saison.`
            : `Inscriptions ${code} fermées : les inscriptions déjà faites sont gardées.`,
        );
      },
    }),
  );
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  const holidays = useMutation(
    trpc.admin.seasons.addPublicHolidays.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.seasons.pathKey() });
        setDone(
          r.added.length === 0
            ? "Les jours fériés de la saison sont déjà tous dans le calendrier."
            : `${r.added.length} jour${r.added.length > 1 ? "s fériés ajoutés" : " férié ajouté"} : ${r.added.map((h) => `${h.label} (${formatDay(h.date)})`).join(", ")}.`,
        );
      },
    }),
  );
  const start = (next: TEditing) => {
    setDone(null);
    registration.reset();
    holidays.reset();
    setDeleteProblem(null);
    calendar.cancel();
    setEditing(next);
  };

  return (
    <>
      <p className="breadcrumb">Administration</p>
      <div className="page-heading">
        <h1 tabIndex={-1}>Saisons et calendriers</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => start({ kind: "newSeason" })}
        >
          Nouvelle saison
        </button>
      </div>
      <div aria-live="polite" role="status">
        {done ? <p className="alert alert-success">{done}</p> : null}
      </div>
      {editing?.kind === "newSeason" ? (
        <SeasonForm
          season={null}
          suggested={nextSeasonOf(seasons.data?.[0])}
          calendar={calendar}
          onCreated={(id) => {
            setChosen(id);
            setEditing(null);
            setDone(
              "Saison créée. Ajoutez ses vacances, jours fériés et fermetures, puis préparez son catalogue.",
            );
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {seasons.isPending ? (
        <Loading />
      ) : seasons.isError ? (
        <QueryError error={seasons.error} onRetry={() => void seasons.refetch()} />
      ) : seasons.data.length === 0 ? (
        <p>Aucune saison : créez la première.</p>
      ) : (
        <>
          <div className="desk-row">
            <SelectField
              id="season-choice"
              label="Saison"
              value={String(seasonId ?? "")}
              onValue={(v) => {
                start({ kind: "season" });
                setEditing(null);
                setChosen(Number(v));
              }}
            >
              {seasons.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} ({s.code})
                </option>
              ))}
            </SelectField>
          </div>
          {detail.isPending ? (
            <Loading />
          ) : detail.isError ? (
            <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
          ) : (
            <>
              <section className="panel" aria-labelledby="season-title">
                <div className="page-heading">
                  <h2 id="season-title">{detail.data.season.label}</h2>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => start({ kind: "season" })}
                  >
                    Modifier la saison
                  </button>
                </div>
                <dl className="facts">
                  <div>
                    <dt>Dates</dt>
                    <dd>
                      du {formatDay(detail.data.season.startsOn)} au{" "}
                      {formatDay(detail.data.season.endsOn)}
                    </dd>
                  </div>
                  <div>
                    <dt>Jours d'école</dt>
                    <dd>
                      {detail.data.season.schoolWeekdays.map((d) => weekdayNames[d - 1]).join(", ")}
                    </dd>
                  </div>
                  <div>
                    <dt>Zone de vacances</dt>
                    <dd>Zone {detail.data.season.zone}</dd>
                  </div>
                  <div>
                    <dt>Inscriptions des familles</dt>
                    <dd>
                      {detail.data.season.registrationOpen ? (
                        <Badge tone="ok">Ouvertes</Badge>
                      ) : (
                        <Badge tone="neutral">Fermées</Badge>
                      )}{" "}
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={registration.isPending}
                        onClick={() => {
                          setDone(null);
                          registration.mutate({
                            seasonId: detail.data.season.id,
                            open: !detail.data.season.registrationOpen,
                          });
                        }}
                      >
                        {detail.data.season.registrationOpen
                          ? "Fermer les inscriptions"
                          : "Ouvrir les inscriptions"}
                      </button>
                    </dd>
                  </div>
                  <div>
                    <dt>Catalogue</dt>
                    <dd>
                      <Link
                        to="/admin/catalogue"
                        search={{ saison: detail.data.season.id }}
                        className="text-link"
                      >
                        Activités et tarifs de la saison {detail.data.season.code}
                      </Link>
                    </dd>
                  </div>
                </dl>
                <p className="muted">
                  Ouvrir les inscriptions laisse les familles inscrire leurs enfants aux activités
                  proposées de cette saison, même pendant la saison en cours ; celles déjà faites
                  restent si vous les fermez.
                </p>
                {registration.isError ? (
                  <p className="alert alert-error" role="alert">
                    {errorMessage(registration.error)}
                  </p>
                ) : null}
                {editing?.kind === "season" ? (
                  <SeasonForm
                    key={detail.data.season.id}
                    season={detail.data.season}
                    calendar={calendar}
                    onCreated={() => undefined}
                    onClose={() => setEditing(null)}
                  />
                ) : null}
              </section>

              <section className="catalogue-section" aria-labelledby="calendar-title">
                <div className="page-heading">
                  <h2 id="calendar-title">Calendrier</h2>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={holidays.isPending}
                      onClick={() => {
                        start({ kind: "season" });
                        setEditing(null);
                        holidays.mutate({ seasonId: detail.data.season.id });
                      }}
                    >
                      Ajouter les jours fériés
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => start({ kind: "period", id: null })}
                    >
                      Ajouter une période
                    </button>
                  </div>
                </div>
                <p className="muted">
                  Vacances scolaires, jours fériés et fermetures. Fermer un jour déjà réservé montre
                  d'abord les familles concernées. « Ajouter les jours fériés » ajoute les onze
                  jours fériés nationaux compris dans la saison (Pâques, Ascension et Pentecôte
                  calculés) ; les vacances scolaires de la zone se saisissent une à une.
                </p>
                {holidays.isError ? (
                  <p className="alert alert-error" role="alert">
                    {errorMessage(holidays.error)}
                  </p>
                ) : null}
                {editing?.kind === "period" && editing.id === null ? (
                  <PeriodForm
                    key={added}
                    seasonId={detail.data.season.id}
                    period={null}
                    calendar={calendar}
                    initialKind={periodKind}
                    onKind={setPeriodKind}
                    focusLabel={added > 0}
                    onClose={() => setEditing(null)}
                  />
                ) : null}
                <SeasonImpact calendar={calendar} />
                {deleteProblem ? (
                  <p className="alert alert-error" role="alert">
                    {deleteProblem}
                  </p>
                ) : null}
                <table className="table catalogue-section">
                  <caption className="sr-only">Périodes du calendrier</caption>
                  <thead>
                    <tr>
                      <th scope="col">Type</th>
                      <th scope="col">Libellé</th>
                      <th scope="col">Du</th>
                      <th scope="col">Au</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.data.periods.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Badge
                            tone={
                              p.kind === "closure"
                                ? "bad"
                                : p.kind === "public_holiday"
                                  ? "warn"
                                  : "neutral"
                            }
                          >
                            {calendarKindLabels[p.kind]}
                          </Badge>
                        </td>
                        <th scope="row">
                          {p.label}
                          {editing?.kind === "period" && editing.id === p.id ? (
                            <PeriodForm
                              seasonId={detail.data.season.id}
                              period={p}
                              calendar={calendar}
                              onClose={() => setEditing(null)}
                            />
                          ) : null}
                        </th>
                        <td>{formatDay(p.startsOn)}</td>
                        <td>{formatDay(p.endsOn)}</td>
                        <td>
                          <div className="row-actions">
                            <button
                              type="button"
                              className="button button-secondary"
                              onClick={() => start({ kind: "period", id: p.id })}
                            >
                              Modifier<span className="sr-only"> « {p.label} »</span>
                            </button>
                            <button
                              type="button"
                              className="button button-secondary"
                              disabled={calendar.checking}
                              onClick={async () => {
                                start({ kind: "period", id: -1 });
                                setDeleteProblem(
                                  await calendar.propose(
                                    {
                                      op: "deletePeriod",
                                      seasonId: detail.data.season.id,
                                      periodId: p.id,
                                    },
                                    { confirm: true },
                                  ),
                                );
                              }}
                            >
                              Supprimer<span className="sr-only"> « {p.label} »</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
