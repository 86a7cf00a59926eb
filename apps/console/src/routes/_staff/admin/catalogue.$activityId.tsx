import type { RouterOutputs } from "@ef/api";
import { billingModeLabels, dayKindLabels } from "@ef/api/schemas";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Badge } from "../../../components/badge";
import { ActivityForm } from "../../../components/catalogue-activity-form";
import { euroText, weekdayNames } from "../../../components/catalogue-form";
import { GroupForm, SessionForm } from "../../../components/catalogue-group-form";
import "../../../components/catalogue-styles.css";
import { TariffEditor } from "../../../components/catalogue-tariffs";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { formatDay } from "../../../lib/format";
import { appCodeOf, errorMessage, trpc } from "../../../trpc";

type TDetail = RouterOutputs["admin"]["catalogue"]["activity"];

function activityIdOf(param: string): number | null {
  return /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
}

export const Route = createFileRoute("/_staff/admin/catalogue/$activityId")({
  component: ActivityPage,
});

function ActivityPage() {
  const activityId = activityIdOf(Route.useParams().activityId);
  const detail = useQuery(
    trpc.admin.catalogue.activity.queryOptions(activityId === null ? skipToken : { activityId }),
  );
  useDocumentTitle(detail.data ? detail.data.activity.name : "Activité");
  const notFound = activityId === null || appCodeOf(detail.error) === "NOT_FOUND";
  return (
    <>
      <nav className="breadcrumb" aria-label="Fil d'Ariane">
        <Link to="/admin/catalogue">Catalogue des activités</Link>
      </nav>
      {notFound ? (
        <>
          <h1 tabIndex={-1}>Activité introuvable</h1>
          <p>Cette activité n'existe pas ou plus.</p>
        </>
      ) : detail.isPending ? (
        <>
          <h1 tabIndex={-1}>Activité</h1>
          <Loading />
        </>
      ) : detail.isError ? (
        <>
          <h1 tabIndex={-1}>Activité</h1>
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        </>
      ) : (
        <ActivityDetail data={detail.data} />
      )}
    </>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
}

function ActivityDetail({ data }: { data: TDetail }) {
  const a = data.activity;
  const refresh = useRefresh();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const update = useMutation(
    trpc.admin.catalogue.updateActivity.mutationOptions({
      onSuccess: () => {
        refresh();
        setEditing(false);
        setDone("Activité enregistrée.");
      },
    }),
  );
  const toggle = useMutation(
    trpc.admin.catalogue.setActivityActive.mutationOptions({
      onSuccess: (_r, v) => {
        refresh();
        setDone(
          v.active
            ? "L'activité est proposée aux familles."
            : "L'activité est retirée du catalogue.",
        );
      },
    }),
  );
  const unit =
    a.scheduleKind === "weekdays"
      ? "par jour"
      : a.scheduleKind === "groups"
        ? "l'inscription"
        : "par séance";
  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>{a.name}</h1>
        {a.active ? (
          <Badge tone="ok">Proposée aux familles</Badge>
        ) : (
          <Badge tone="neutral">Hors catalogue</Badge>
        )}
      </div>
      <div aria-live="polite" role="status">
        {done ? <p className="alert alert-success">{done}</p> : null}
      </div>
      {toggle.isError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(toggle.error)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title" className="sr-only">
          En bref
        </h2>
        <dl className="facts">
          <div>
            <dt>Type</dt>
            <dd>{a.typeLabel}</dd>
          </div>
          <div>
            <dt>Saison</dt>
            <dd>{a.seasonCode}</dd>
          </div>
          <div>
            <dt>Paiement</dt>
            <dd>{billingModeLabels[a.billingMode]}</dd>
          </div>
          {a.scheduleKind === "weekdays" ? (
            <>
              <div>
                <dt>Jours</dt>
                <dd>
                  {a.dayKind ? dayKindLabels[a.dayKind] : ""}
                  {a.weekdays ? ` (${a.weekdays.map((d) => weekdayNames[d - 1]).join(", ")})` : ""}
                </dd>
              </div>
              <div>
                <dt>Places par jour</dt>
                <dd>
                  {a.capacity ?? "Sans limite"}
                  {data.upcoming.busiest
                    ? ` — au plus ${data.upcoming.busiest.used} prises (${formatDay(data.upcoming.busiest.day)})`
                    : ""}
                </dd>
              </div>
            </>
          ) : null}
          <div>
            <dt>Âges</dt>
            <dd>
              {a.minAge ?? "—"} à {a.maxAge ?? "—"} ans
              {a.classLevels ? ` ; classes ${a.classLevels.join(", ")}` : ""}
            </dd>
          </div>
          <div>
            <dt>Date limite</dt>
            <dd>
              J-{a.deadlineDays} avant {a.deadlineTime}
              {a.deadlineSkipWeekends ? ", week-ends non comptés" : ""}
            </dd>
          </div>
        </dl>
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setEditing(true)}
          >
            Modifier l'activité
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={toggle.isPending}
            onClick={() => {
              setDone(null);
              toggle.mutate({ activityId: a.id, active: !a.active });
            }}
          >
            {a.active ? "Retirer du catalogue" : "Proposer aux familles"}
          </button>
        </div>
        {editing ? (
          <ActivityForm
            id="activity-edit"
            typeCode={a.typeCode}
            activity={a}
            submitLabel="Enregistrer l'activité"
            pending={update.isPending}
            serverError={update.isError ? errorMessage(update.error) : null}
            onSubmit={(activity) => {
              setDone(null);
              update.mutate({ activityId: a.id, activity });
            }}
            onClose={() => setEditing(false)}
          />
        ) : null}
      </section>

      <section className="catalogue-section" aria-labelledby="tariffs-title">
        <h2 id="tariffs-title">Tarifs selon le quotient familial</h2>
        {/* Keyed by the activity, not its grid: saving keeps the editor and its confirmation. */}
        <TariffEditor key={a.id} activityId={a.id} lines={data.tariffs} unitLabel={unit} />
      </section>

      {a.scheduleKind === "groups" ? <Groups data={data} /> : null}
      {a.scheduleKind === "sessions" ? <Sessions data={data} /> : null}
    </>
  );
}

/** Which row is edited ("new": the creation form), and what the last change did. */
function useEditor() {
  const refresh = useRefresh();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (message: string) => () => {
    refresh();
    setEditing(null);
    setDone(message);
  };
  /** Opens a form (or none), forgetting the earlier calls' outcomes. */
  const startWith = (next: number | "new" | null, calls: { reset: () => void }[]) => {
    for (const call of calls) call.reset();
    setDone(null);
    setEditing(next);
  };
  return { editing, setEditing, done, onSuccess, startWith };
}

/** A section's title and "Nouveau…" button, the last success and a failed deletion. */
function SectionTop(props: {
  id: string;
  title: string;
  newLabel: string;
  onNew: () => void;
  done: string | null;
  removeError: unknown;
}) {
  return (
    <>
      <div className="page-heading">
        <h2 id={props.id}>{props.title}</h2>
        <button type="button" className="button" onClick={props.onNew}>
          {props.newLabel}
        </button>
      </div>
      <div aria-live="polite" role="status">
        {props.done ? <p className="alert alert-success">{props.done}</p> : null}
      </div>
      {props.removeError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(props.removeError)}
        </p>
      ) : null}
    </>
  );
}

/** "Modifier" / "Supprimer" of one row, named after it for screen readers. */
function EditDeleteButtons(props: {
  name: string;
  deleting: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="row-actions">
      <button type="button" className="button button-secondary" onClick={props.onEdit}>
        Modifier<span className="sr-only"> « {props.name} »</span>
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={props.deleting}
        onClick={props.onDelete}
      >
        Supprimer<span className="sr-only"> « {props.name} »</span>
      </button>
    </div>
  );
}

function Groups({ data }: { data: TDetail }) {
  const { editing, setEditing, done, onSuccess, startWith } = useEditor();
  const create = useMutation(
    trpc.admin.catalogue.createGroup.mutationOptions({ onSuccess: onSuccess("Groupe créé.") }),
  );
  const update = useMutation(
    trpc.admin.catalogue.updateGroup.mutationOptions({
      onSuccess: onSuccess("Groupe enregistré."),
    }),
  );
  const remove = useMutation(
    trpc.admin.catalogue.deleteGroup.mutationOptions({ onSuccess: onSuccess("Groupe supprimé.") }),
  );
  const start = (next: number | "new") => startWith(next, [create, update, remove]);
  return (
    <section className="catalogue-section" aria-labelledby="groups-title">
      <SectionTop
        id="groups-title"
        title="Groupes"
        newLabel="Nouveau groupe"
        onNew={() => start("new")}
        done={done}
        removeError={remove.isError ? remove.error : null}
      />
      {editing === "new" ? (
        <GroupForm
          id="group-new"
          group={null}
          submitLabel="Créer le groupe"
          pending={create.isPending}
          serverError={create.isError ? errorMessage(create.error) : null}
          onSubmit={(group) => create.mutate({ activityId: data.activity.id, group })}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {data.groups.length === 0 ? (
        <p className="muted">Aucun groupe : les familles ne peuvent pas encore s'inscrire.</p>
      ) : (
        <table className="table catalogue-section">
          <caption className="sr-only">Groupes de {data.activity.name}</caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col">Créneau</th>
              <th scope="col">Lieu</th>
              <th scope="col">Âges</th>
              <th scope="col">Places prises</th>
              <th scope="col">Éducateur</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {g.name}
                  {editing === g.id ? (
                    <GroupForm
                      id={`group-${g.id}`}
                      group={g}
                      submitLabel="Enregistrer le groupe"
                      pending={update.isPending}
                      serverError={update.isError ? errorMessage(update.error) : null}
                      onSubmit={(group) => update.mutate({ groupId: g.id, group })}
                      onClose={() => setEditing(null)}
                    />
                  ) : null}
                </th>
                <td>
                  {weekdayNames[g.weekday - 1]} {g.startTime}–{g.endTime}
                </td>
                <td>{g.location}</td>
                <td>
                  {g.minAge}–{g.maxAge} ans
                </td>
                <td className={g.taken >= g.capacity ? "catalogue-taken-full" : undefined}>
                  {g.taken} / {g.capacity}
                </td>
                <td>{g.coach}</td>
                <td>
                  <EditDeleteButtons
                    name={g.name}
                    deleting={remove.isPending}
                    onEdit={() => start(g.id)}
                    onDelete={() => {
                      start(g.id);
                      setEditing(null);
                      remove.mutate({ groupId: g.id });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Sessions({ data }: { data: TDetail }) {
  const { editing, setEditing, done, onSuccess, startWith } = useEditor();
  const create = useMutation(
    trpc.admin.catalogue.createSession.mutationOptions({ onSuccess: onSuccess("Séance créée.") }),
  );
  const update = useMutation(
    trpc.admin.catalogue.updateSession.mutationOptions({
      onSuccess: onSuccess("Séance enregistrée."),
    }),
  );
  const remove = useMutation(
    trpc.admin.catalogue.deleteSession.mutationOptions({
      onSuccess: onSuccess("Séance supprimée."),
    }),
  );
  const start = (next: number | "new") => startWith(next, [create, update, remove]);
  return (
    <section className="catalogue-section" aria-labelledby="sessions-title">
      <SectionTop
        id="sessions-title"
        title="Séances"
        newLabel="Nouvelle séance"
        onNew={() => start("new")}
        done={done}
        removeError={remove.isError ? remove.error : null}
      />
      {editing === "new" ? (
        <SessionForm
          id="session-new"
          session={null}
          submitLabel="Créer la séance"
          pending={create.isPending}
          serverError={create.isError ? errorMessage(create.error) : null}
          onSubmit={(session) => create.mutate({ activityId: data.activity.id, session })}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {data.sessions.length === 0 ? (
        <p className="muted">Aucune séance.</p>
      ) : (
        <table className="table catalogue-section">
          <caption className="sr-only">Séances de {data.activity.name}</caption>
          <thead>
            <tr>
              <th scope="col">Séance</th>
              <th scope="col">Date</th>
              <th scope="col">Lieu</th>
              <th scope="col">Âges</th>
              <th scope="col">Places prises</th>
              <th scope="col">Prix</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.title}
                  {editing === s.id ? (
                    <SessionForm
                      id={`session-${s.id}`}
                      session={s}
                      submitLabel="Enregistrer la séance"
                      pending={update.isPending}
                      serverError={update.isError ? errorMessage(update.error) : null}
                      onSubmit={(session) => update.mutate({ sessionId: s.id, session })}
                      onClose={() => setEditing(null)}
                    />
                  ) : null}
                </th>
                <td>
                  {formatDay(s.date)}, {s.startTime}–{s.endTime}
                </td>
                <td>{s.location}</td>
                <td>
                  {s.minAge}–{s.maxAge} ans
                </td>
                <td className={s.taken >= s.capacity ? "catalogue-taken-full" : undefined}>
                  {s.taken} / {s.capacity}
                </td>
                <td>{s.priceCents === null ? "Grille" : `${euroText(s.priceCents)} €`}</td>
                <td>
                  <EditDeleteButtons
                    name={s.title}
                    deleting={remove.isPending}
                    onEdit={() => start(s.id)}
                    onDelete={() => {
                      start(s.id);
                      setEditing(null);
                      remove.mutate({ sessionId: s.id });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
