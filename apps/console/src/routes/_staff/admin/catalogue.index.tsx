import type { RouterOutputs } from "@ef/api";
import {
  billingModeLabels,
  ZCopyCatalogueSchema,
  ZUpdateActivityTypeSchema,
} from "@ef/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ActivityForm, scheduleOfType } from "../../../components/catalogue-activity-form";
import { numberOf, SelectField, useSchemaForm } from "../../../components/catalogue-form";
import "../../../components/catalogue-styles.css";
import { Badge } from "../../../components/badge";
import { Field, FormAlert } from "../../../components/field";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { errorMessage, trpc } from "../../../trpc";

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
type TSearch = { saison?: number | undefined };

export const Route = createFileRoute("/_staff/admin/catalogue/")({
  // `?saison=` opens a season's catalogue (the seasons page links here to prepare the next one).
  validateSearch: (search: Record<string, unknown>): TSearch => {
    const n = Number(search.saison);
    return { saison: Number.isInteger(n) && n > 0 ? n : undefined };
  },
  component: CataloguePage,
});

type TList = RouterOutputs["admin"]["catalogue"]["activities"];
type TType = RouterOutputs["admin"]["catalogue"]["types"][number];

function CataloguePage() {
  useDocumentTitle("Catalogue des activités");
  const search = Route.useSearch();
  const [seasonId, setSeasonId] = useState<number | null>(search.saison ?? null);
  const list = useQuery(trpc.admin.catalogue.activities.queryOptions({ seasonId }));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <p className="breadcrumb">Administration</p>
      <div className="page-heading">
        <h1 tabIndex={-1}>Catalogue des activités</h1>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          Nouvelle activité
        </button>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {list.data.seasons.length > 1 ? (
            <div className="desk-row">
              <SelectField
                id="catalogue-season"
                label="Saison"
                value={String(list.data.seasonId ?? "")}
                onValue={(v) => setSeasonId(Number(v))}
              >
                {list.data.seasons.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </SelectField>
            </div>
          ) : null}
          {list.data.seasonId !== null && list.data.seasons.length > 1 ? (
            <CopyCatalogue
              key={list.data.seasonId}
              toSeasonId={list.data.seasonId}
              seasons={list.data.seasons}
              empty={list.data.activities.length === 0}
            />
          ) : null}
          {creating && list.data.seasonId !== null ? (
            <NewActivity
              seasonId={list.data.seasonId}
              types={list.data.types}
              onClose={() => setCreating(false)}
            />
          ) : null}
          <ActivitiesByType data={list.data} />
        </>
      )}
      <ActivityTypes />
    </>
  );
}

function ActivitiesByType({ data }: { data: TList }) {
  return (
    <>
      {data.types.map((type) => {
        const rows = data.activities.filter((a) => a.typeId === type.id);
        return (
          <section key={type.id} className="catalogue-section" aria-labelledby={`type-${type.id}`}>
            <h2 id={`type-${type.id}`}>{type.label}</h2>
            {rows.length === 0 ? (
              <p className="muted">Aucune activité de ce type cette saison.</p>
            ) : (
              <table className="table">
                <caption className="sr-only">Activités : {type.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Activité</th>
                    <th scope="col">Paiement</th>
                    <th scope="col">Places</th>
                    <th scope="col">État</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link
                          to="/admin/catalogue/$activityId"
                          params={{ activityId: String(a.id) }}
                          className="row-link"
                        >
                          {a.name}
                        </Link>
                      </th>
                      <td>{billingModeLabels[a.billingMode]}</td>
                      <td>
                        {a.scheduleKind === "groups"
                          ? `${a.groups} groupe${a.groups > 1 ? "s" : ""}`
                          : a.scheduleKind === "sessions"
                            ? `${a.sessions} séance${a.sessions > 1 ? "s" : ""}`
                            : a.capacity === null
                              ? "Sans limite"
                              : `${a.capacity} par jour`}
                      </td>
                      <td>
                        {a.active ? (
                          <Badge tone="ok">Proposée aux familles</Badge>
                        ) : (
                          <>
                            <Badge tone="neutral">Hors catalogue</Badge>{" "}
                            <OfferButton activityId={a.id} name={a.name} />
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

/** "Proposer" from the list: a copied season is published activity by activity, at a glance. */
function OfferButton(props: { activityId: number; name: string }) {
  const queryClient = useQueryClient();
  const offer = useMutation(
    trpc.admin.catalogue.setActivityActive.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
      },
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        disabled={offer.isPending}
        onClick={() => offer.mutate({ activityId: props.activityId, active: true })}
      >
        Proposer<span className="sr-only"> « {props.name} » aux familles</span>
      </button>
      {offer.isError ? (
        <span className="field-error" role="alert">
          {errorMessage(offer.error)}
        </span>
      ) : null}
    </>
  );
}

/**
 * Prepares a season from another: activities, tariff grids and EMS groups (not the dated
 * Territoire Jeune sessions, nothing families booked). Copies stay out of the catalogue.
 */
function CopyCatalogue(props: { toSeasonId: number; seasons: TList["seasons"]; empty: boolean }) {
  const queryClient = useQueryClient();
  const others = props.seasons.filter((s) => s.id !== props.toSeasonId);
  // Seasons are listed newest first: the one just before the season being prepared.
  const index = props.seasons.findIndex((s) => s.id === props.toSeasonId);
  const before = props.seasons.slice(index + 1)[0] ?? others[0];
  const [open, setOpen] = useState(props.empty);
  const [from, setFrom] = useState(String(before?.id ?? ""));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const copy = useMutation(
    trpc.admin.catalogue.copySeason.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
      },
    }),
  );
  const target = props.seasons.find((s) => s.id === props.toSeasonId);
  const result = copy.data;
  return (
    <section className="panel catalogue-section" aria-labelledby="copy-title">
      <h2 id="copy-title">Préparer la saison {target?.code}</h2>
      <div aria-live="polite" role="status">
        {result ? (
          <p className="alert alert-success">
            {result.copied.length === 0
              ? `Rien à copier : ${result.skipped.length} activité${result.skipped.length > 1 ? "s sont" : " est"} déjà dans cette saison.`
              : `${result.copied.length} activité${result.copied.length > 1 ? "s copiées" : " copiée"} avec ${result.tariffLines} ligne${result.tariffLines > 1 ? "s" : ""} de tarifs et ${result.groups} groupe${result.groups > 1 ? "s" : ""} EMS. Elles sont hors catalogue : vérifiez-les, ajoutez les séances Territoire Jeune, puis proposez-les aux familles.${result.skipped.length > 0 ? ` Déjà présentes, laissées telles quelles : ${result.skipped.join(", ")}.` : ""}`}
          </p>
        ) : null}
      </div>
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          Copier le catalogue d'une autre saison
        </button>
      ) : (
        <form
          className="desk-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const input = { fromSeasonId: Number(from), toSeasonId: props.toSeasonId };
            const parsed = ZCopyCatalogueSchema.safeParse(input);
            if (!parsed.success) {
              setFieldError(parsed.error.issues[0]?.message);
              document.getElementById("copy-from")?.focus();
              return;
            }
            setFieldError(undefined);
            if (!copy.isPending) copy.mutate(parsed.data);
          }}
        >
          <p className="muted">
            Les activités, leurs réglages, leurs grilles de tarifs et les groupes EMS sont copiés.
            Les séances Territoire Jeune (datées) et les inscriptions ne le sont pas. Les copies
            restent hors catalogue jusqu'à ce que vous les proposiez aux familles. Une activité déjà
            présente dans la saison (même code) est laissée telle quelle : copier deux fois n'ajoute
            rien.
          </p>
          <SelectField
            id="copy-from"
            label="Copier depuis la saison"
            value={from}
            onValue={(v) => {
              setFrom(v);
              setFieldError(undefined);
            }}
            error={fieldError}
          >
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </SelectField>
          {copy.isError ? <FormAlert message={errorMessage(copy.error)} /> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={copy.isPending}>
              Copier le catalogue
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function NewActivity(props: { seasonId: number; types: TList["types"]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [typeId, setTypeId] = useState(String(props.types[0]?.id ?? ""));
  const type = props.types.find((t) => String(t.id) === typeId) ?? null;
  const create = useMutation(
    trpc.admin.catalogue.createActivity.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
        void navigate({
          to: "/admin/catalogue/$activityId",
          params: { activityId: String(r.activityId) },
        });
      },
    }),
  );
  return (
    <section className="panel catalogue-section" aria-labelledby="new-activity">
      <h2 id="new-activity">Nouvelle activité</h2>
      <p className="muted">
        Elle reste hors catalogue jusqu'à ce que sa grille des tarifs soit enregistrée et que vous
        la proposiez aux familles.
      </p>
      <ActivityForm
        key={type?.code ?? "none"}
        id="activity-new"
        typeCode={type?.code ?? null}
        activity={null}
        submitLabel="Créer l'activité"
        pending={create.isPending}
        serverError={create.isError ? errorMessage(create.error) : null}
        onSubmit={(activity) =>
          type &&
          create.mutate({
            seasonId: props.seasonId,
            typeId: type.id,
            activity: { ...activity, scheduleKind: scheduleOfType[type.code] },
          })
        }
        onClose={props.onClose}
      >
        <SelectField
          id="activity-new-type"
          label="Type d'activité"
          value={typeId}
          onValue={setTypeId}
        >
          {props.types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </SelectField>
      </ActivityForm>
    </section>
  );
}

function ActivityTypes() {
  const types = useQuery(trpc.admin.catalogue.types.queryOptions());
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <section className="catalogue-section" aria-labelledby="types-title">
      <h2 id="types-title">Types d'activité</h2>
      {types.isPending ? (
        <Loading />
      ) : types.isError ? (
        <QueryError error={types.error} onRetry={() => void types.refetch()} />
      ) : (
        <table className="table">
          <caption className="sr-only">Les quatre types d'activité</caption>
          <thead>
            <tr>
              <th scope="col">Ordre</th>
              <th scope="col">Nom</th>
              <th scope="col">Activités</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.data.map((t) => (
              <tr key={t.id}>
                <td>{t.position}</td>
                <th scope="row">
                  {t.label}
                  {editing === t.id ? <TypeForm type={t} onClose={() => setEditing(null)} /> : null}
                </th>
                <td>{t.activities}</td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setEditing(t.id)}
                  >
                    Modifier<span className="sr-only"> « {t.label} »</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TypeForm({ type, onClose }: { type: TType; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm({
    id: `type-${type.id}`,
    schema: ZUpdateActivityTypeSchema,
    initial: { label: type.label, description: type.description, position: String(type.position) },
    toInput: (v) => ({ typeId: type.id, ...v, position: numberOf(v.position) }),
  });
  const save = useMutation(
    trpc.admin.catalogue.updateType.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
        onClose();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form
      className="catalogue-editor"
      noValidate
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !save.isPending) save.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      <Field
        id={form.fieldId("label")}
        label="Nom"
        value={form.values.label}
        onValue={(v) => form.set("label", v)}
        error={form.errors.label}
      />
      <Field
        id={form.fieldId("description")}
        label="Description"
        value={form.values.description}
        onValue={(v) => form.set("description", v)}
        error={form.errors.description}
      />
      <Field
        id={form.fieldId("position")}
        label="Ordre"
        inputMode="numeric"
        value={form.values.position}
        onValue={(v) => form.set("position", v)}
        error={form.errors.position}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer le type
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}
