import type { RouterOutputs } from "@ef/api";
import {
  billingModeLabels,
  classLevels,
  dayKindLabels,
  ZActivityFieldsSchema,
} from "@ef/api/schemas";
import {
  numberOf,
  numberOrNull,
  SelectField,
  useSchemaForm,
  WeekdayChecks,
  weekdaysOf,
} from "./catalogue-form";
import { Field, FormAlert, TextAreaField } from "./field";

type TActivity = RouterOutputs["admin"]["catalogue"]["activity"]["activity"];
type TTypeCode = TActivity["typeCode"];
export type TActivityInput = ReturnType<typeof ZActivityFieldsSchema.parse>;

/** How an activity of each type runs (the type decides it). */
export const scheduleOfType = {
  periscolaire: "weekdays",
  loisirs: "weekdays",
  ems: "groups",
  territoire_jeune: "sessions",
} as const;

const blank = {
  code: "",
  name: "",
  description: "",
  billingMode: "",
  dayKind: "school_days",
  weekdays: "",
  startTime: "",
  endTime: "",
  location: "",
  capacity: "",
  minAge: "",
  maxAge: "",
  classLevels: "",
  deadlineDays: "2",
  deadlineTime: "12:00",
  deadlineSkipWeekends: "1",
  position: "0",
};

function initialOf(a: TActivity | null) {
  if (!a) return blank;
  const text = (n: number | null) => (n === null ? "" : String(n));
  return {
    code: a.code,
    name: a.name,
    description: a.description,
    billingMode: a.billingMode,
    dayKind: a.dayKind ?? "school_days",
    weekdays: (a.weekdays ?? []).join(","),
    startTime: a.startTime ?? "",
    endTime: a.endTime ?? "",
    location: a.location,
    capacity: text(a.capacity),
    minAge: text(a.minAge),
    maxAge: text(a.maxAge),
    classLevels: (a.classLevels ?? []).join(","),
    deadlineDays: String(a.deadlineDays),
    deadlineTime: a.deadlineTime,
    deadlineSkipWeekends: a.deadlineSkipWeekends ? "1" : "",
    position: String(a.position),
  };
}

/**
 * An activity's fields: billing, days (weekday activities), places, eligibility by age or class
 * level, deadline. Checked with the server's schema before sending.
 */
export function ActivityForm(props: {
  id: string;
  typeCode: TTypeCode | null;
  activity: TActivity | null;
  submitLabel: string;
  pending: boolean;
  serverError: string | null;
  onSubmit: (input: TActivityInput) => void;
  onClose?: () => void;
  /** Before the fields: the type and season pickers of a new activity. */
  children?: React.ReactNode;
}) {
  const { typeCode, activity } = props;
  const scheduleKind = typeCode ? scheduleOfType[typeCode] : "weekdays";
  const weekdaysKind = scheduleKind === "weekdays";
  const form = useSchemaForm({
    id: props.id,
    schema: ZActivityFieldsSchema,
    initial: initialOf(activity),
    toInput: (v) => ({
      code: v.code,
      name: v.name,
      description: v.description,
      billingMode: v.billingMode || undefined,
      scheduleKind,
      dayKind: weekdaysKind ? v.dayKind : null,
      weekdays: weekdaysKind && v.weekdays ? weekdaysOf(v.weekdays) : null,
      startTime: v.startTime || null,
      endTime: v.endTime || null,
      location: v.location,
      capacity: weekdaysKind ? numberOrNull(v.capacity) : null,
      minAge: numberOrNull(v.minAge),
      maxAge: numberOrNull(v.maxAge),
      classLevels: v.classLevels ? v.classLevels.split(",") : null,
      deadlineDays: numberOf(v.deadlineDays),
      deadlineTime: v.deadlineTime,
      deadlineSkipWeekends: v.deadlineSkipWeekends === "1",
      position: numberOf(v.position),
    }),
  });
  const levels = new Set(form.values.classLevels.split(",").filter(Boolean));
  const toggleLevel = (level: string) => {
    const next = new Set(levels);
    if (next.has(level)) next.delete(level);
    else next.add(level);
    form.set("classLevels", classLevels.filter((l) => next.has(l)).join(","));
  };
  const billingChoices = weekdaysKind
    ? (["postpaid", "prepaid"] as const)
    : (["at_registration"] as const);
  return (
    <form
      className="desk-form catalogue-editor"
      noValidate
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !props.pending) props.onSubmit(input);
      }}
    >
      <FormAlert message={props.serverError ?? form.formError} />
      {props.children}
      <fieldset className="desk-fieldset">
        <legend>L'activité</legend>
        <div className="desk-row">
          <Field {...form.field("name")} label="Nom" />
          <Field
            {...form.field("code")}
            label="Code"
            hint="Lettres minuscules, chiffres et « _ », par exemple ems_judo"
          />
        </div>
        <TextAreaField
          {...form.field("description")}
          label="Description (lue par les familles)"
          rows={3}
        />
        <div className="desk-row">
          <SelectField {...form.field("billingMode")} label="Paiement">
            <option value="">Choisissez…</option>
            {billingChoices.map((m) => (
              <option key={m} value={m}>
                {billingModeLabels[m]}
              </option>
            ))}
          </SelectField>
          <Field {...form.field("location")} label="Lieu" />
          <Field {...form.field("position")} label="Ordre d'affichage" inputMode="numeric" />
        </div>
      </fieldset>
      {weekdaysKind ? (
        <fieldset className="desk-fieldset">
          <legend>Jours et places</legend>
          <div className="desk-row">
            <SelectField {...form.field("dayKind")} label="Jours du calendrier">
              {Object.entries(dayKindLabels).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <Field
              {...form.field("capacity")}
              label="Places par jour"
              hint="Vide : sans limite"
              inputMode="numeric"
            />
          </div>
          <WeekdayChecks
            {...form.field("weekdays")}
            legend="Jours de la semaine (aucun coché : tous les jours de ce calendrier)"
          />
          <div className="desk-row">
            <Field {...form.field("startTime")} label="Début" type="time" />
            <Field {...form.field("endTime")} label="Fin" type="time" />
          </div>
        </fieldset>
      ) : null}
      <fieldset className="desk-fieldset">
        <legend>Qui peut s'inscrire</legend>
        <div className="desk-row">
          <Field {...form.field("minAge")} label="Âge minimum (ans)" inputMode="numeric" />
          <Field {...form.field("maxAge")} label="Âge maximum (ans)" inputMode="numeric" />
        </div>
        <fieldset className="desk-fieldset" id={form.fieldId("classLevels")} tabIndex={-1}>
          <legend>Classes (aucune cochée : toutes)</legend>
          <div className="catalogue-checks">
            {classLevels.map((level) => (
              <label key={level} className="catalogue-check">
                <input
                  type="checkbox"
                  checked={levels.has(level)}
                  onChange={() => toggleLevel(level)}
                />
                {level}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
      <fieldset className="desk-fieldset">
        <legend>Date limite de réservation et d'annulation</legend>
        <div className="desk-row">
          <Field {...form.field("deadlineDays")} label="Jours avant (J-n)" inputMode="numeric" />
          <Field {...form.field("deadlineTime")} label="Avant" type="time" />
        </div>
        <div className="field desk-check">
          <label>
            <input
              type="checkbox"
              checked={form.values.deadlineSkipWeekends === "1"}
              onChange={(e) => form.set("deadlineSkipWeekends", e.target.checked ? "1" : "")}
            />
            Week-ends non comptés
          </label>
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={props.pending}>
          {props.submitLabel}
        </button>
        {props.onClose ? (
          <button type="button" className="button button-secondary" onClick={props.onClose}>
            Fermer
          </button>
        ) : null}
      </div>
    </form>
  );
}
