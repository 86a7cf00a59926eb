import type { RouterOutputs } from "@ef/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { firstOfMonth } from "../lib/format";
import type { TTone } from "../lib/labels";
import { errorMessage, trpc } from "../trpc";
import { Badge } from "./badge";
import "./mail-history.css";
import { FormAlert } from "./field";
import { Loading, QueryError } from "./query-error";

type TMail = RouterOutputs["staff"]["mail"]["list"][number];

const statusLabels: Record<TMail["status"], string> = {
  pending: "En attente d'envoi",
  sent: "Envoyé",
  failed: "Échec",
};
const statusTones: Record<TMail["status"], TTone> = {
  pending: "warn",
  sent: "ok",
  failed: "bad",
};

const dateTimeFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});
const when = (iso: string) => firstOfMonth(dateTimeFr.format(Date.parse(iso)));

/**
 * "Messages envoyés": the household's messages from the outbox (sent, failed, waiting), what
 * each said, and "Renvoyer" for a sent or failed one.
 */
export function MailHistory({ householdId }: { householdId: number }) {
  const queryClient = useQueryClient();
  const mails = useQuery({
    ...trpc.staff.mail.list.queryOptions({ householdId }),
    // While a message waits for the worker, look again: the state changes within seconds.
    refetchInterval: (query) =>
      query.state.data?.some((m) => m.status === "pending") ? 5_000 : false,
  });
  const [done, setDone] = useState<string | null>(null);
  // A change on the household's file (credentials mailed…) may have queued a message: look again.
  const household = useQuery(trpc.staff.households.get.queryOptions({ householdId }));
  const seen = useRef(household.dataUpdatedAt);
  const { refetch } = mails;
  useEffect(() => {
    if (seen.current === household.dataUpdatedAt) return;
    seen.current = household.dataUpdatedAt;
    void refetch();
  }, [household.dataUpdatedAt, refetch]);
  const resend = useMutation(
    trpc.staff.mail.resend.mutationOptions({
      onSuccess: (_data, input) => {
        const mail = mails.data?.find((m) => m.id === input.mailId);
        setDone(
          mail ? `« ${mail.subject} » est renvoyé à ${mail.toAddress}.` : "Le message est renvoyé.",
        );
        void queryClient.invalidateQueries({ queryKey: trpc.staff.mail.list.queryKey() });
      },
      onError: () => setDone(null),
    }),
  );

  return (
    <section className="panel screen-only" aria-labelledby="messages-titre">
      <h2 id="messages-titre">Messages envoyés</h2>
      <div role="status" className={done ? "alert alert-success" : "sr-only"}>
        {done}
      </div>
      <FormAlert message={resend.isError ? errorMessage(resend.error) : null} />
      {mails.isPending ? (
        <Loading label="Chargement des messages…" />
      ) : mails.isError ? (
        <QueryError error={mails.error} onRetry={() => void mails.refetch()} />
      ) : mails.data.length === 0 ? (
        <p>Aucun message envoyé à ce foyer.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Messages du foyer, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Message</th>
              <th scope="col">Destinataire</th>
              <th scope="col">État</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mails.data.map((m) => (
              <tr key={m.id}>
                <td>{when(m.createdAt)}</td>
                <th scope="row">
                  <span>{m.subject}</span>
                  <span className="muted"> — {m.kindLabel}</span>
                  {m.text ? (
                    <details>
                      <summary>Voir le texte</summary>
                      <pre className="mail-text">{m.text}</pre>
                    </details>
                  ) : null}
                </th>
                <td>{m.toAddress || "Aucune adresse"}</td>
                <td>
                  <Badge tone={statusTones[m.status]}>{statusLabels[m.status]}</Badge>
                  {m.status === "sent" && m.sentAt ? (
                    <span className="muted"> le {when(m.sentAt)}</span>
                  ) : null}
                  {m.status === "failed" && m.lastError ? (
                    <span className="refusal"> {m.lastError}</span>
                  ) : null}
                </td>
                <td>
                  {m.canResend ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={resend.isPending}
                      aria-label={`Renvoyer « ${m.subject} » du ${when(m.createdAt)}`}
                      onClick={() => {
                        setDone(null);
                        resend.mutate({ householdId, mailId: m.id });
                      }}
                    >
                      Renvoyer
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
