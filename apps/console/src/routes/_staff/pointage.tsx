import { ZAttendanceDaySchema } from "@ef/api/schemas";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { AttendanceCounts, AttendanceTable, longDay } from "../../components/attendance-table";
import { Loading, QueryError } from "../../components/query-error";
import { useDocumentTitle } from "../../lib/document-title";
import { stringParam } from "../../lib/search-params";
import { errorMessage, queryClient, trpc } from "../../trpc";

type TSearch = { activite?: string; date?: string };

export const Route = createFileRoute("/_staff/pointage")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    activite: stringParam(search.activite),
    date: stringParam(search.date),
  }),
  component: AttendancePage,
});

/** Pointage: the agent picks an activity and a day, then marks each booked child. */
function AttendancePage() {
  const { me } = Route.useRouteContext();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const date = search.date ?? me.today;
  const parsed = ZAttendanceDaySchema.safeParse({ activityId: Number(search.activite), date });
  const day = parsed.success ? parsed.data : null;
  const dateError = ZAttendanceDaySchema.shape.date.safeParse(date).error?.issues[0]?.message;

  const activities = useQuery(trpc.staff.attendance.activities.queryOptions());
  const list = useQuery(trpc.staff.attendance.list.queryOptions(day ?? skipToken));
  const activityName = activities.data?.find((a) => a.id === day?.activityId)?.name;
  useDocumentTitle(activityName ? `Pointage — ${activityName}, ${longDay(date)}` : "Pointage");

  const exportCsv = useMutation({
    mutationFn: async () => {
      if (!day) throw new Error("no day");
      return queryClient.fetchQuery({
        ...trpc.staff.attendance.exportCsv.queryOptions(day),
        staleTime: 0,
      });
    },
    onSuccess: ({ fileName, csv }) => download(fileName, csv),
  });

  // Each choice is a new history entry: Back returns to the previous list. The day is written
  // out, so a reload after midnight still shows the list being marked.
  const choose = (next: TSearch) => {
    void navigate({ search: { activite: search.activite, date, ...next } });
  };

  return (
    <>
      <h1 tabIndex={-1}>Pointage</h1>
      <form className="attendance-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="pointage-activite">Activité</label>
          <select
            id="pointage-activite"
            value={search.activite ?? ""}
            onChange={(e) => choose({ activite: e.target.value || undefined })}
          >
            <option value="">Choisissez une activité</option>
            {activities.data?.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name} ({a.typeLabel})
              </option>
            ))}
          </select>
        </div>
        <div className={dateError ? "field field-invalid" : "field"}>
          <label htmlFor="pointage-date">Jour</label>
          <input
            id="pointage-date"
            type="date"
            value={date}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? "pointage-date-error" : undefined}
            onChange={(e) => {
              if (e.target.value) choose({ date: e.target.value });
            }}
          />
          {dateError ? (
            <p className="field-error" id="pointage-date-error">
              {dateError}
            </p>
          ) : null}
        </div>
      </form>
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : null}
      {!day ? (
        dateError ? null : (
          <p>Choisissez une activité pour afficher les enfants réservés.</p>
        )
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <section aria-labelledby="pointage-titre">
          <h2 id="pointage-titre">
            {list.data.activity.name} — {longDay(list.data.date)}
          </h2>
          <AttendanceCounts counts={list.data.counts} />
          <div className="row-actions attendance-actions">
            <button type="button" className="button" onClick={() => window.print()}>
              Imprimer la liste
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={exportCsv.isPending || list.data.children.length === 0}
              onClick={() => exportCsv.mutate()}
            >
              Exporter (CSV)
            </button>
          </div>
          {exportCsv.isError ? (
            <div role="alert" className="alert alert-error">
              {errorMessage(exportCsv.error)}
            </div>
          ) : null}
          {list.data.children.length === 0 ? (
            <p>Aucun enfant n'est réservé ce jour-là.</p>
          ) : (
            <AttendanceTable list={list.data} day={day} />
          )}
        </section>
      )}
    </>
  );
}

/** Hands the CSV to the browser as a file. */
function download(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
