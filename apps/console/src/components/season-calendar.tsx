import type { RouterInputs, RouterOutputs } from "@ef/api";
import {
  calendarKindLabels,
  ZCancellationSchema,
  ZPeriodFieldsSchema,
  ZSeasonFieldsSchema,
} from "@ef/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { formatDay } from "../lib/format";
import { errorMessage, trpc, trpcClient } from "../trpc";
import { SelectField, useSchemaForm, WeekdayChecks, weekdaysOf } from "./catalogue-form";
import { Field, FormAlert, TextAreaField } from "./field";

type TChange = RouterInputs["admin"]["seasons"]["impact"];
type TImpact = RouterOutputs["admin"]["seasons"]["impact"];
type TSeason = RouterOutputs["admin"]["seasons"]["get"]["season"];
type TPeriod = RouterOutputs["admin"]["seasons"]["get"]["periods"][number];

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace(".", ",")}\u00a0€`;

/**
 * A change of the calendar in two steps: ask what it would cancel; with nothing booked, save at
 * once; otherwise show the families and their days, and save only with a reason.
 */
export function useCalendarChange(onDone: (message: string) => void) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ change: TChange; impact: TImpact } | null>(null);
  const [checking, setChecking] = useState(false);
  const apply = useMutation(
    trpc.admin.seasons.applyChange.mutationOptions({
      onSuccess: (r) => {
        setPending(null);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.seasons.pathKey() });
        onDone(
          r.cancelled > 0
            ? `Calendrier enregistré : ${r.cancelled} réservation${r.cancelled > 1 ? "s" : ""} annulée${r.cancelled > 1 ? "s" : ""}, ${r.families} famille${r.families > 1 ? "s" : ""} prévenue${r.families > 1 ? "s" : ""} par e-mail${r.creditCents > 0 ? `, ${euros(r.creditCents)} d'avoirs` : ""}.`
            : "Calendrier enregistré. Aucune réservation n'était concernée.",
        );
      },
    }),
  );
  return {
    pending,
    checking,
    apply,
    cancel: () => setPending(null),
    /** Returns an error message to show in the form, or null. */
    async propose(change: TChange, opts: { confirm?: boolean } = {}): Promise<string | null> {
      setChecking(true);
      try {
        const impact = await trpcClient.admin.seasons.impact.query(change);
        if (impact.count === 0 && !opts.confirm) {
          await apply.mutateAsync({ change, cancellation: { expected: 0, reason: "" } });
        } else {
          setPending({ change, impact });
        }
        return null;
      } catch (e) {
        return errorMessage(e);
      } finally {
        setChecking(false);
      }
    },
  };
}

/** The families a change would cancel days of, and the reason they will read. */
export function SeasonImpact(props: { calendar: ReturnType<typeof useCalendarChange> }) {
  const { pending, apply, cancel } = props.calendar;
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The list appears after "Ajouter" or "Supprimer": read it out first.
  useEffect(() => {
    if (pending) document.getElementById("impact-title")?.focus();
  }, [pending]);
  if (!pending) return null;
  const { impact } = pending;
  if (impact.count === 0) {
    return (
      <section className="panel catalogue-impact" aria-labelledby="impact-title">
        <h2 id="impact-title" tabIndex={-1}>
          {pending.change.op === "deletePeriod" ? "Supprimer cette période ?" : "Confirmer ?"}
        </h2>
        <p>Aucune réservation n'est concernée.</p>
        <FormAlert message={apply.isError ? errorMessage(apply.error) : null} />
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={apply.isPending}
            onClick={() =>
              apply.mutate({ change: pending.change, cancellation: { expected: 0, reason: "" } })
            }
          >
            {pending.change.op === "deletePeriod" ? "Supprimer la période" : "Enregistrer"}
          </button>
          <button type="button" className="button button-secondary" onClick={cancel}>
            Revenir sans rien changer
          </button>
        </div>
      </section>
    );
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = ZCancellationSchema.safeParse({ expected: impact.count, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Indiquez le motif.");
      document.getElementById("impact-reason")?.focus();
      return;
    }
    setError(null);
    apply.mutate({ change: pending.change, cancellation: parsed.data });
  };
  return (
    <section className="panel catalogue-impact" aria-labelledby="impact-title">
      <h2 id="impact-title" tabIndex={-1}>
        {impact.count} réservation{impact.count > 1 ? "s" : ""} de {impact.families.length} famille
        {impact.families.length > 1 ? "s" : ""} ser{impact.count > 1 ? "ont" : "a"} annulée
        {impact.count > 1 ? "s" : ""}
      </h2>
      <p>
        Ces jours ne seraient plus ouverts. Chaque famille recevra un e-mail avec le motif ; les
        jours déjà payés deviennent un avoir
        {impact.creditCents > 0 ? ` (${euros(impact.creditCents)} en tout)` : ""}.
      </p>
      <ul aria-label="Familles concernées">
        {impact.families.map((f) => (
          <li key={f.householdId}>
            <strong>{f.name}</strong> ({f.accountCode}, {f.email || "pas d'e-mail"})
            <ul>
              {f.bookings.map((b) => (
                <li key={b.reservationId}>
                  {b.childName} — {b.activityName} — {formatDay(b.date)} ({b.reason})
                  {b.paid ? ` — avoir de ${euros(b.priceCents)}` : ""}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {impact.familiesTotal > impact.families.length ? (
        <p>
          … et {impact.familiesTotal - impact.families.length} autres familles, prévenues de la même
          façon.
        </p>
      ) : null}
      <form noValidate onSubmit={submit}>
        <FormAlert message={apply.isError ? errorMessage(apply.error) : null} />
        <TextAreaField
          id="impact-reason"
          label="Motif (envoyé aux familles)"
          hint="Par exemple : Grève du personnel communal"
          value={reason}
          onValue={setReason}
          error={error ?? undefined}
          rows={2}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={apply.isPending}>
            Annuler ces réservations et enregistrer
          </button>
          <button type="button" className="button button-secondary" onClick={cancel}>
            Revenir sans rien changer
          </button>
        </div>
      </form>
    </section>
  );
}

type TPeriodKind = TPeriod["kind"];

/**
 * Adds or edits a holiday, public holiday or closure. Adding several in a row: the page keeps a
 * new period's form open, empty, on the kind last used (`initialKind`), the label focused.
 */
export function PeriodForm(props: {
  seasonId: number;
  period: TPeriod | null;
  calendar: ReturnType<typeof useCalendarChange>;
  onClose: () => void;
  initialKind?: TPeriodKind;
  onKind?: (kind: TPeriodKind) => void;
  focusLabel?: boolean;
}) {
  const { seasonId, period, calendar, onClose } = props;
  const form = useSchemaForm({
    id: period ? `period-${period.id}` : "period-new",
    schema: ZPeriodFieldsSchema,
    initial: {
      kind: period?.kind ?? props.initialKind ?? "closure",
      label: period?.label ?? "",
      startsOn: period?.startsOn ?? "",
      endsOn: period?.endsOn ?? "",
    },
    toInput: (v) => v,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const labelId = form.fieldId("label");
  useEffect(() => {
    if (props.focusLabel) document.getElementById(labelId)?.focus();
  }, [props.focusLabel, labelId]);
  return (
    <form
      className="desk-form catalogue-editor"
      noValidate
      aria-label={period ? `Modifier « ${period.label} »` : "Ajouter une période"}
      onSubmit={async (e) => {
        const input = form.submit(e);
        if (!input) return;
        props.onKind?.(input.kind);
        const message = await calendar.propose({
          op: "savePeriod",
          seasonId,
          periodId: period?.id ?? null,
          period: input,
        });
        setProblem(message);
      }}
    >
      <FormAlert message={problem ?? form.formError} />
      <div className="desk-row">
        <SelectField
          id={form.fieldId("kind")}
          label="Type"
          value={form.values.kind}
          onValue={(v) => form.set("kind", v)}
          error={form.errors.kind}
        >
          {Object.entries(calendarKindLabels).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field
          id={form.fieldId("label")}
          label="Libellé"
          hint="Par exemple : Grève, Vacances de Noël, Armistice 1918"
          value={form.values.label}
          onValue={(v) => form.set("label", v)}
          error={form.errors.label}
        />
      </div>
      <div className="desk-row">
        <Field
          id={form.fieldId("startsOn")}
          label="Du"
          type="date"
          value={form.values.startsOn}
          onValue={(v) => form.set("startsOn", v)}
          error={form.errors.startsOn}
        />
        <Field
          id={form.fieldId("endsOn")}
          label="Au (inclus)"
          type="date"
          value={form.values.endsOn}
          onValue={(v) => form.set("endsOn", v)}
          error={form.errors.endsOn}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={calendar.checking}>
          {period ? "Enregistrer la période" : "Ajouter la période"}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}

/** A season's fields: for a new season (`season` null) or the dates of an existing one. */
/** Shifts an ISO day by whole years (29 February becomes 28 February). */
function shiftYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const rest = day.slice(4) === "-02-29" ? "-02-28" : day.slice(4);
  return `${y}${rest}`;
}

/**
 * A new season's fields suggested from the latest one: the next school year, its dates a year
 * later, the same zone and school days, registrations closed. The admin checks and corrects.
 */
export function nextSeasonOf(latest: TSeason | undefined): TSeason | null {
  const years = latest?.code.match(/^(\d{4})-(\d{4})$/);
  if (!latest || !years) return null;
  const code = `${Number(years[1]) + 1}-${Number(years[2]) + 1}`;
  return {
    ...latest,
    id: 0,
    code,
    label: latest.label.includes(latest.code)
      ? latest.label.replace(latest.code, code)
      : `Année scolaire ${code}`,
    startsOn: shiftYears(latest.startsOn, 1),
    endsOn: shiftYears(latest.endsOn, 1),
    registrationOpen: false,
  };
}

export function SeasonForm(props: {
  season: TSeason | null;
  /** For a new season: the fields to start from (see `nextSeasonOf`). */
  suggested?: TSeason | null;
  calendar: ReturnType<typeof useCalendarChange>;
  onCreated: (seasonId: number) => void;
  onClose: () => void;
}) {
  const { season, calendar, onCreated, onClose } = props;
  const queryClient = useQueryClient();
  const start = season ?? props.suggested ?? null;
  const form = useSchemaForm({
    id: season ? "season-edit" : "season-new",
    schema: ZSeasonFieldsSchema,
    initial: {
      code: start?.code ?? "",
      label: start?.label ?? "",
      startsOn: start?.startsOn ?? "",
      endsOn: start?.endsOn ?? "",
      zone: start?.zone ?? "A",
      schoolWeekdays: (start?.schoolWeekdays ?? [1, 2, 4, 5]).join(","),
      registrationOpen: start?.registrationOpen ? "1" : "",
    },
    toInput: (v) => ({
      ...v,
      schoolWeekdays: weekdaysOf(v.schoolWeekdays),
      registrationOpen: v.registrationOpen === "1",
    }),
  });
  const create = useMutation(
    trpc.admin.seasons.create.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.seasons.pathKey() });
        onCreated(r.seasonId);
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="desk-form catalogue-editor"
      noValidate
      aria-label={season ? "Modifier la saison" : "Nouvelle saison"}
      onSubmit={async (e) => {
        const input = form.submit(e);
        if (!input) return;
        if (!season) {
          if (!create.isPending) create.mutate(input);
          return;
        }
        setProblem(await calendar.propose({ op: "season", seasonId: season.id, season: input }));
      }}
    >
      <FormAlert message={problem ?? form.formError} />
      <div className="desk-row">
        <Field
          id={form.fieldId("code")}
          label="Code"
          hint="Par exemple : 2027-2028"
          value={form.values.code}
          onValue={(v) => form.set("code", v)}
          error={form.errors.code}
        />
        <Field
          id={form.fieldId("label")}
          label="Nom"
          value={form.values.label}
          onValue={(v) => form.set("label", v)}
          error={form.errors.label}
        />
      </div>
      <div className="desk-row">
        <Field
          id={form.fieldId("startsOn")}
          label="Premier jour"
          type="date"
          value={form.values.startsOn}
          onValue={(v) => form.set("startsOn", v)}
          error={form.errors.startsOn}
        />
        <Field
          id={form.fieldId("endsOn")}
          label="Dernier jour"
          type="date"
          value={form.values.endsOn}
          onValue={(v) => form.set("endsOn", v)}
          error={form.errors.endsOn}
        />
        <SelectField
          id={form.fieldId("zone")}
          label="Zone de vacances"
          value={form.values.zone}
          onValue={(v) => form.set("zone", v)}
          error={form.errors.zone}
        >
          <option value="A">Zone A</option>
          <option value="B">Zone B</option>
          <option value="C">Zone C</option>
        </SelectField>
      </div>
      <WeekdayChecks
        id={form.fieldId("schoolWeekdays")}
        legend="Jours d'école"
        value={form.values.schoolWeekdays}
        onValue={(v) => form.set("schoolWeekdays", v)}
        error={form.errors.schoolWeekdays}
      />
      <div className="field desk-check">
        <label>
          <input
            type="checkbox"
            checked={form.values.registrationOpen === "1"}
            onChange={(e) => form.set("registrationOpen", e.target.checked ? "1" : "")}
          />
          Inscriptions ouvertes aux familles
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={calendar.checking || create.isPending}>
          {season ? "Enregistrer la saison" : "Créer la saison"}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}
