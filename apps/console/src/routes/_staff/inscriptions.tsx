import type { RouterOutputs } from "@ef/api";
import { ZDecideRegistrationSchema } from "@ef/api/schemas";
import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Badge } from "../../components/badge";
import { DecisionButtons, useDecisionOutcome } from "../../components/decision-buttons";
import { Loading, QueryError } from "../../components/query-error";
import { useDocumentTitle } from "../../lib/document-title";
import { formatDate } from "../../lib/format";
import { dossierTone, registrationDossierLabels } from "../../lib/labels";
import {
  firstNameOf,
  MAX_PENDING,
  pendingRegistrationsQuery,
} from "../../lib/pending-registrations";
import { useZodForm } from "../../lib/use-zod-form";
import { appCodeOf, errorMessage, queryClient, trpc } from "../../trpc";

type TPending = RouterOutputs["staff"]["registrations"]["pending"][number];
type TDecided = RouterOutputs["staff"]["registrations"]["decide"]["status"];

export const Route = createFileRoute("/_staff/inscriptions")({
  component: PendingRegistrationsPage,
});

/** The registrations a family made while its dossier was not complete: an agent decides. */
function PendingRegistrationsPage() {
  useDocumentTitle("Inscriptions à valider");
  // Another agent may have decided meanwhile: opening the page always asks again.
  const pending = useQuery({ ...pendingRegistrationsQuery(), staleTime: 0 });
  const outcome = useDecisionOutcome();

  const onDecided = (row: TPending, status: TDecided) => {
    const word = status === "validated" ? "validée" : "refusée";
    outcome.onDecided(
      `Inscription de ${firstNameOf(row.childName)} ${word}. La famille est prévenue par e-mail.`,
    );
  };
  const onFailed = (error: unknown) => outcome.onFailed(errorMessage(error));

  return (
    <>
      <h1 tabIndex={-1}>Inscriptions à valider</h1>
      <p className="lead">
        Ces familles se sont inscrites alors que leur dossier n'était pas complet. Vérifiez le
        dossier, puis validez ou refusez : la famille est prévenue par e-mail dans les deux cas.
      </p>
      {/* Always present, so that each new message is read out. */}
      {outcome.regions}
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <QueryError error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.length === 0 ? (
        <p>Aucune inscription en attente.</p>
      ) : (
        <>
          {pending.data.length >= MAX_PENDING ? (
            <p className="alert alert-info">
              Les {MAX_PENDING} demandes les plus anciennes sont affichées : les suivantes
              apparaîtront à mesure que celles-ci seront traitées.
            </p>
          ) : null}
          <table className="table">
            <caption className="sr-only">
              Inscriptions en attente de validation, les plus anciennes d'abord
            </caption>
            <thead>
              <tr>
                <th scope="col">Date de la demande</th>
                <th scope="col">Enfant</th>
                <th scope="col">Foyer</th>
                <th scope="col">Activité</th>
                <th scope="col">Dossier</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {pending.data.map((row) => (
                <PendingRow key={row.id} row={row} onDecided={onDecided} onFailed={onFailed} />
              ))}
            </tbody>
          </table>
        </>
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
  const prefix = `inscription-${row.id}`;
  const form = useZodForm({
    id: `${prefix}-refus`,
    schema: ZDecideRegistrationSchema,
    initial: { reason: "" },
    fixed: { registrationId: row.id, decision: "refuse" },
  });

  const decide = useMutation(
    trpc.staff.registrations.decide.mutationOptions({
      onSuccess: ({ status }) => {
        onDecided(row, status);
        // The row leaves at once (and the navigation's count with it); the list is then read
        // again, with whatever other agents decided meanwhile.
        const pendingKey = pendingRegistrationsQuery().queryKey;
        queryClient.setQueryData(pendingKey, (rows) => rows?.filter((r) => r.id !== row.id));
        void queryClient.invalidateQueries({ queryKey: pendingKey });
        void queryClient.invalidateQueries({
          queryKey: trpc.staff.households.get.queryKey({ householdId: row.householdId }),
        });
      },
      onError: (error) => {
        form.showServerError(error);
        onFailed(error);
        // Decided by someone else, or gone: reading the list again takes the row away.
        const code = appCodeOf(error);
        if (code === "CONFLICT" || code === "NOT_FOUND") {
          void queryClient.invalidateQueries({ queryKey: pendingRegistrationsQuery().queryKey });
        }
      },
    }),
  );
  const busy = decide.isPending;

  return (
    <tr aria-labelledby={`${prefix}-enfant ${prefix}-activite`}>
      <td>
        <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
      </td>
      <th scope="row" id={`${prefix}-enfant`}>
        {row.childName}
      </th>
      <td>
        <Link to="/foyers/$householdId" params={{ householdId: String(row.householdId) }}>
          <span className="mono">{row.accountCode}</span> {row.householdName}
        </Link>
      </td>
      <td id={`${prefix}-activite`}>
        {row.activityName} <span className="muted">({row.seasonCode})</span>
      </td>
      <td>
        <Badge tone={dossierTone[row.dossierStatus]}>
          {registrationDossierLabels[row.dossierStatus]}
        </Badge>
      </td>
      <td>
        <DecisionButtons
          prefix={prefix}
          busy={busy}
          refusing={refusing}
          setRefusing={setRefusing}
          acceptText="Valider"
          onAccept={() => decide.mutate({ registrationId: row.id, decision: "validate" })}
          formLabel={`Refus de l'inscription de ${row.childName} à ${row.activityName}`}
          hint="La famille le reçoit dans l'e-mail."
          form={form}
          onRefuse={(input) => decide.mutate(input)}
        />
      </td>
    </tr>
  );
}
