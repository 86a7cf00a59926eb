import type { RouterOutputs } from "@ef/api";
import { ZDecideAbsenceSchema } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { longDay } from "../../components/attendance-table";
import { DecisionButtons, useDecisionOutcome } from "../../components/decision-buttons";
import { Loading, QueryError } from "../../components/query-error";
import { useDocumentTitle } from "../../lib/document-title";
import { formatDate } from "../../lib/format";
import { useZodForm } from "../../lib/use-zod-form";
import { appCodeOf, errorMessage, queryClient, trpc } from "../../trpc";

type TPending = RouterOutputs["staff"]["absences"]["pending"][number];
type TDecided = RouterOutputs["staff"]["absences"]["decide"]["status"];

export const Route = createFileRoute("/_staff/absences")({ component: PendingAbsencesPage });

const pendingQuery = () => trpc.staff.absences.pending.queryOptions();
const firstNameOf = (childName: string) => childName.split(" ")[0] ?? childName;

/** Absences declared by families with a medical certificate: an agent checks and decides. */
function PendingAbsencesPage() {
  useDocumentTitle("Absences à vérifier");
  // Another agent may have decided meanwhile: opening the page always asks again.
  const pending = useQuery({ ...pendingQuery(), staleTime: 0 });
  const outcome = useDecisionOutcome();

  const onDecided = (row: TPending, status: TDecided) => {
    const name = firstNameOf(row.childName);
    outcome.onDecided(
      status === "accepted"
        ? `Absence de ${name} le ${longDay(row.date)} acceptée : le pointage indique « excusé » et la famille est prévenue par e-mail.`
        : `Absence de ${name} le ${longDay(row.date)} refusée. La famille est prévenue par e-mail, avec le motif.`,
    );
  };
  const onFailed = (error: unknown) => outcome.onFailed(errorMessage(error));

  return (
    <>
      <h1 tabIndex={-1}>Absences à vérifier</h1>
      <p className="lead">
        Les familles signalent une absence avec un certificat médical. Ouvrez le certificat, puis
        acceptez ou refusez. Acceptée, l'absence est pointée « excusé » sur les activités réservées
        ce jour-là, qui ne sont pas facturées ; refusée, elles restent facturées. La famille est
        prévenue par e-mail dans les deux cas.
      </p>
      {/* Always present, so that each new message is read out. */}
      {outcome.regions}
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <QueryError error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.length === 0 ? (
        <p>Aucune absence à vérifier.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">
            Absences en attente de vérification, les plus anciennes d'abord
          </caption>
          <thead>
            <tr>
              <th scope="col">Jour de l'absence</th>
              <th scope="col">Enfant</th>
              <th scope="col">Foyer</th>
              <th scope="col">Activités réservées</th>
              <th scope="col">Motif</th>
              <th scope="col">Certificat</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {pending.data.map((row) => (
              <PendingRow key={row.id} row={row} onDecided={onDecided} onFailed={onFailed} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function PendingRow({
  row,
  onDecided,
  onFailed,
}: {
  row: TPending;
  onDecided: (row: TPending, status: TDecided) => void;
  onFailed: (error: unknown) => void;
}) {
  const [refusing, setRefusing] = useState(false);
  const prefix = `absence-${row.id}`;
  const form = useZodForm({
    id: `${prefix}-refus`,
    schema: ZDecideAbsenceSchema,
    initial: { reason: "" },
    fixed: { absenceId: row.id, decision: "refuse" },
  });

  const decide = useMutation(
    trpc.staff.absences.decide.mutationOptions({
      onSuccess: ({ status }) => {
        onDecided(row, status);
        const key = pendingQuery().queryKey;
        queryClient.setQueryData(key, (rows) => rows?.filter((r) => r.id !== row.id));
        void queryClient.invalidateQueries({ queryKey: key });
        // The pointage of that day changed.
        void queryClient.invalidateQueries({ queryKey: trpc.staff.attendance.list.pathKey() });
      },
      onError: (error) => {
        form.showServerError(error);
        onFailed(error);
        // Decided by someone else, or gone: reading the list again takes the row away.
        const code = appCodeOf(error);
        if (code === "CONFLICT" || code === "NOT_FOUND") {
          void queryClient.invalidateQueries({ queryKey: pendingQuery().queryKey });
        }
      },
    }),
  );
  const busy = decide.isPending;

  const name = firstNameOf(row.childName);
  return (
    <tr aria-labelledby={`${prefix}-enfant ${prefix}-jour`}>
      <td id={`${prefix}-jour`}>
        {longDay(row.date)}
        <br />
        <span className="muted">
          signalée le <time dateTime={row.declaredAt}>{formatDate(row.declaredAt)}</time>
        </span>
      </td>
      <th scope="row" id={`${prefix}-enfant`}>
        {row.childName}
      </th>
      <td>
        <Link to="/foyers/$householdId" params={{ householdId: String(row.householdId) }}>
          <span className="mono">{row.accountCode}</span> {row.householdName}
        </Link>
      </td>
      <td>
        {row.activities.length === 0 ? (
          <span className="muted">Aucune (réservation annulée depuis)</span>
        ) : (
          row.activities.join(", ")
        )}
      </td>
      <td>{row.reason}</td>
      <td>
        <a
          href={`/fichiers/absences/${row.id}`}
          target="_blank"
          rel="noopener"
          aria-label={`Ouvrir le certificat de ${name} (${row.fileName})`}
        >
          Ouvrir le certificat
        </a>
        <br />
        <span className="muted">{row.fileName}</span>
      </td>
      <td>
        <DecisionButtons
          prefix={prefix}
          busy={busy}
          refusing={refusing}
          setRefusing={setRefusing}
          acceptLabel={`Accepter l'absence de ${name}`}
          refuseLabel={`Refuser l'absence de ${name}`}
          onAccept={() => decide.mutate({ absenceId: row.id, decision: "accept" })}
          formLabel={`Refus de l'absence de ${row.childName} le ${longDay(row.date)}`}
          hint="La famille le reçoit dans l'e-mail."
          form={form}
          onRefuse={(input) => decide.mutate(input)}
        />
      </td>
    </tr>
  );
}
