import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { Choices, useFocusFirstChoice } from "../../components/choices";
import {
  check,
  FormAlert,
  SubmitButton,
  usePreloadSchemas,
  useSubmitOnce,
} from "../../components/form";
import { BackToSpace, Loading, Page } from "../../components/page";
import { registrationWords, type TChild } from "../../lib/format";
import { useOverview, useParent } from "../../lib/overview";
import { errorMessage, queryClient, trpc } from "../../trpc";

const STEPS = ["enfant", "type", "activite"] as const;
type TStep = (typeof STEPS)[number];

type TRegistrationSearch = {
  /** The step of "Inscrire les enfants à de nouvelles activités"; none: the family's registrations. */
  etape?: TStep | undefined;
  enfant?: number | undefined;
  /** The activity type's code ("periscolaire", "loisirs"). */
  type?: string | undefined;
  /** The activity just registered to (with `enfant`): its outcome is shown. */
  inscrit?: number | undefined;
};

const id = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

export const Route = createFileRoute("/espace/inscription")({
  validateSearch: (search: Record<string, unknown>): TRegistrationSearch => ({
    etape: STEPS.find((s) => s === search.etape),
    enfant: id(search.enfant),
    type:
      typeof search.type === "string" && /^[a-z_]{1,32}$/.test(search.type)
        ? search.type
        : undefined,
    inscrit: id(search.inscrit),
  }),
  component: Registration,
});

function Registration() {
  const { etape, enfant, type, inscrit } = Route.useSearch();
  let body: ReactNode;
  if (etape === "activite" && enfant && type) {
    body = <ActivityStep childId={enfant} typeCode={type} />;
  } else if ((etape === "type" || etape === "activite") && enfant) {
    body = <TypeStep childId={enfant} selected={type} />;
  } else if (etape) {
    body = <ChildStep selected={enfant} />;
  } else {
    body = (
      <Registrations
        outcome={inscrit && enfant ? { childId: enfant, activityId: inscrit } : null}
      />
    );
  }
  return <Page title="Inscription">{body}</Page>;
}

/** "Étape 2 sur 3", and the child being registered. */
function StepHeading(props: { n: number; title: string }) {
  return (
    <>
      <p className="steps">Étape {props.n} sur 3</p>
      <h2 className="step-title">{props.title}</h2>
    </>
  );
}

function ChildStep(props: { selected: number | undefined }) {
  const overview = useOverview();
  const navigate = Route.useNavigate();
  const [childId, setChildId] = useState(props.selected);
  const [error, setError] = useState<string>();
  const { form, focus } = useFocusFirstChoice();
  // An only child is already chosen.
  const kids = overview.data?.children ?? [];
  const chosen = childId ?? (kids.length === 1 ? kids[0]?.id : undefined);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setError("Choisissez un enfant.");
      focus();
      return;
    }
    void navigate({ search: { etape: "type", enfant: chosen } });
  }

  return (
    <>
      <StepHeading n={1} title="Inscrire les enfants à de nouvelles activités" />
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(overview.error)}
        </p>
      ) : overview.data.children.length === 0 ? (
        <p>Aucun enfant n'est enregistré. Le guichet unique peut les ajouter à votre foyer.</p>
      ) : (
        <form ref={form} className="form" onSubmit={onSubmit} noValidate>
          <Choices
            legend="Quel enfant inscrire ?"
            name="enfant"
            value={chosen}
            onChange={(v) => {
              setChildId(v);
              setError(undefined);
            }}
            error={error}
            choices={overview.data.children.map((c) => ({
              value: c.id,
              title: c.firstName,
              hint: [c.classLevel, c.schoolName].filter(Boolean).join(" — ") || undefined,
            }))}
          />
          <button type="submit" className="button button--primary">
            Continuer
          </button>
        </form>
      )}
      <p>
        <Link to="/espace/inscription" search={{}} className="back-link">
          <span aria-hidden="true">←</span>Retour aux inscriptions
        </Link>
      </p>
    </>
  );
}

/** The activities a child may be registered to through "Inscription". */
function useOptions(childId: number) {
  const me = useParent();
  return useQuery(
    trpc.registrations.options.queryOptions({ householdId: me.householdId, childId }),
  );
}

function useChildName(childId: number): string | undefined {
  return useOverview().data?.children.find((c) => c.id === childId)?.firstName;
}

function TypeStep(props: { childId: number; selected: string | undefined }) {
  const options = useOptions(props.childId);
  const name = useChildName(props.childId);
  const navigate = Route.useNavigate();
  const [type, setType] = useState(props.selected);
  const [error, setError] = useState<string>();
  const { form, focus } = useFocusFirstChoice();

  const types = new Map<string, string>();
  for (const o of options.data ?? []) types.set(o.typeCode, o.typeLabel);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!type || !types.has(type)) {
      setError("Choisissez un type d'activité.");
      focus();
      return;
    }
    void navigate({ search: { etape: "activite", enfant: props.childId, type } });
  }

  return (
    <>
      <StepHeading n={2} title={name ? `Inscrire ${name}` : "Type d'activité"} />
      {options.isPending ? (
        <Loading />
      ) : options.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(options.error)}
        </p>
      ) : types.size === 0 ? (
        <p>Aucune activité n'est ouverte aux inscriptions pour le moment.</p>
      ) : (
        <form ref={form} className="form" onSubmit={onSubmit} noValidate>
          <Choices
            legend="Type d'activité"
            name="type"
            value={type}
            onChange={(v) => {
              setType(v);
              setError(undefined);
            }}
            error={error}
            choices={[...types].map(([code, label]) => ({ value: code, title: label }))}
          />
          <button type="submit" className="button button--primary">
            Continuer
          </button>
        </form>
      )}
      <p>
        <Link
          to="/espace/inscription"
          search={{ etape: "enfant", enfant: props.childId }}
          className="back-link"
        >
          <span aria-hidden="true">←</span>Changer d'enfant
        </Link>
      </p>
    </>
  );
}

function ActivityStep(props: { childId: number; typeCode: string }) {
  const me = useParent();
  const options = useOptions(props.childId);
  const name = useChildName(props.childId);
  const navigate = Route.useNavigate();
  const [activityId, setActivityId] = useState<number>();
  const [error, setError] = useState<string>();
  const { form, focus } = useFocusFirstChoice();

  const mutation = useMutation(
    trpc.registrations.create.mutationOptions({
      onSuccess: async (_result, input) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.registrations.pathFilter()),
          queryClient.invalidateQueries(trpc.household.pathFilter()),
          queryClient.invalidateQueries(trpc.planning.pathFilter()),
        ]);
        // The form is done: "back" goes to the type of activity, not to a form already sent.
        await navigate({
          search: { enfant: input.childId, inscrit: input.activityId },
          replace: true,
        });
      },
    }),
  );
  const pending = mutation.isPending || mutation.isSuccess;
  usePreloadSchemas();
  const submitOnce = useSubmitOnce();

  const activities = (options.data ?? []).filter((o) => o.typeCode === props.typeCode);
  // The running season and the next may both be open: the next one's activities name their year.
  const currentSeason = useOverview().data?.dossier?.seasonCode;
  const typeLabel = activities[0]?.typeLabel ?? "Activité";

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const input = {
      householdId: me.householdId,
      childId: props.childId,
      activityId: activityId ?? 0,
    };
    submitOnce(async () => {
      const invalid = await check((s) => s.ZCreateRegistrationSchema, input);
      if (invalid) {
        mutation.reset();
        setError(invalid.activityId ?? Object.values(invalid)[0]);
        focus();
        return;
      }
      setError(undefined);
      await mutation.mutateAsync(input);
    });
  }

  return (
    <>
      <StepHeading n={3} title={name ? `Inscrire ${name} — ${typeLabel}` : typeLabel} />
      {options.isPending ? (
        <Loading />
      ) : options.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(options.error)}
        </p>
      ) : (
        <form ref={form} className="form" onSubmit={onSubmit} noValidate>
          <Choices
            legend="Activité"
            name="activite"
            value={activityId}
            onChange={(v) => {
              setActivityId(v);
              setError(undefined);
            }}
            error={error}
            choices={activities.map((a) => ({
              value: a.id,
              title: a.seasonCode === currentSeason ? a.name : `${a.name} (${a.seasonCode})`,
              hint: [a.times, a.description].filter(Boolean).join(" · ") || undefined,
              disabledReason: a.registration
                ? `Déjà inscrit(e) : inscription ${registrationWords[a.registration]}.`
                : a.eligible
                  ? null
                  : `Non accessible : ${a.reason ?? "conditions non remplies"}.`,
            }))}
          />
          {mutation.isError ? <FormAlert>{errorMessage(mutation.error)}</FormAlert> : null}
          <SubmitButton pending={pending} label="Enregistrer" pendingLabel="Enregistrement…" />
        </form>
      )}
      <p>
        <Link
          to="/espace/inscription"
          search={{ etape: "type", enfant: props.childId, type: props.typeCode }}
          className="back-link"
        >
          <span aria-hidden="true">←</span>Changer de type d'activité
        </Link>
      </p>
    </>
  );
}

/** The landing: the outcome of the last registration, the way in, every child's registrations. */
function Registrations(props: { outcome: { childId: number; activityId: number } | null }) {
  const overview = useOverview();
  return (
    <>
      {props.outcome ? <Outcome {...props.outcome} /> : null}
      <div className="actions actions--stacked">
        <Link
          to="/espace/inscription"
          search={{ etape: "enfant" }}
          className="button button--primary button--wide"
        >
          Inscrire les enfants à de nouvelles activités
        </Link>
        <Link to="/espace/inscriptions-en-paiement" className="button button--wide">
          Inscriptions en paiement
        </Link>
      </div>
      <p className="note">
        Accueils périscolaires (matin, midi, soir) et accueils de loisirs (mercredis, vacances) :
        inscrivez d'abord l'enfant, puis réservez ses jours dans le Planning. École Municipale des
        Sports et Territoire Jeune : « Inscriptions en paiement », l'inscription est payée en ligne.
      </p>
      <section aria-labelledby="inscriptions">
        <h2 id="inscriptions">
          {overview.data?.dossier
            ? `Inscriptions ${overview.data.dossier.seasonCode}`
            : "Inscriptions"}
        </h2>
        {overview.isPending ? (
          <Loading />
        ) : overview.isError ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(overview.error)}
          </p>
        ) : overview.data.children.length === 0 ? (
          <p>Aucun enfant n'est enregistré. Le guichet unique peut les ajouter à votre foyer.</p>
        ) : (
          <ul className="list">
            {overview.data.children.map((child) => (
              <li key={child.id}>
                <ChildRegistrations
                  child={child}
                  seasonCode={overview.data.dossier?.seasonCode ?? null}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <BackToSpace />
    </>
  );
}

function Outcome(props: { childId: number; activityId: number }) {
  const options = useOptions(props.childId);
  const status = options.data?.find((o) => o.id === props.activityId)?.registration;
  if (status === "validated") {
    return (
      <div className="alert alert--success" role="status">
        <p>
          Inscription validée : vous pouvez réserver les jours dans le{" "}
          <Link to="/espace/planning">Planning</Link>.
        </p>
      </div>
    );
  }
  if (status === "pending") {
    return (
      <div className="alert alert--info" role="status">
        <p>
          Inscription en attente de validation : le guichet unique vérifie votre dossier, vous
          recevrez un e-mail.
        </p>
      </div>
    );
  }
  return null;
}

/** `seasonCode`: the running season; the next one's registrations name their year. */
function ChildRegistrations({ child, seasonCode }: { child: TChild; seasonCode: string | null }) {
  return (
    <article className="card">
      <h3>{child.firstName}</h3>
      {child.registrations.length === 0 ? (
        <p>Aucune inscription pour le moment.</p>
      ) : (
        <ul className="registrations">
          {child.registrations.map((r) => (
            <li key={r.id}>
              <span className="registrations__name">
                {r.activityName}
                {r.seasonCode !== seasonCode ? ` (${r.seasonCode})` : null}
              </span>
              <span className="visually-hidden"> : </span>
              <span className={`badge badge--${r.status}`}>{registrationWords[r.status]}</span>
              {r.status === "validated" ? (
                <Link to="/espace/planning" className="text-link registrations__link">
                  Planning
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
