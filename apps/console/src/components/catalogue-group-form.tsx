import type { RouterOutputs } from "@ef/api";
import { ZGroupFieldsSchema, ZSessionFieldsSchema } from "@ef/api/schemas";
import {
  centsOrNull,
  euroText,
  numberOf,
  SelectField,
  useSchemaForm,
  weekdayNames,
} from "./catalogue-form";
import { Field, FormAlert, TextAreaField } from "./field";

type TGroup = RouterOutputs["admin"]["catalogue"]["activity"]["groups"][number];
type TSession = RouterOutputs["admin"]["catalogue"]["activity"]["sessions"][number];
export type TGroupInput = ReturnType<typeof ZGroupFieldsSchema.parse>;
export type TSessionInput = ReturnType<typeof ZSessionFieldsSchema.parse>;

type TFormProps<TIn> = {
  id: string;
  submitLabel: string;
  pending: boolean;
  serverError: string | null;
  onSubmit: (input: TIn) => void;
  onClose: () => void;
};

/** An EMS group: day, time, place, age range, places, coach. */
export function GroupForm(props: TFormProps<TGroupInput> & { group: TGroup | null }) {
  const g = props.group;
  const form = useSchemaForm({
    id: props.id,
    schema: ZGroupFieldsSchema,
    initial: {
      name: g?.name ?? "",
      weekday: g ? String(g.weekday) : "3",
      startTime: g?.startTime ?? "",
      endTime: g?.endTime ?? "",
      location: g?.location ?? "",
      minAge: g ? String(g.minAge) : "",
      maxAge: g ? String(g.maxAge) : "",
      capacity: g ? String(g.capacity) : "",
      coach: g?.coach ?? "",
    },
    toInput: (v) => ({
      ...v,
      weekday: numberOf(v.weekday),
      minAge: numberOf(v.minAge),
      maxAge: numberOf(v.maxAge),
      capacity: numberOf(v.capacity),
    }),
  });
  return (
    <form
      className="desk-form catalogue-editor"
      noValidate
      aria-label={g ? `Modifier « ${g.name} »` : "Nouveau groupe"}
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !props.pending) props.onSubmit(input);
      }}
    >
      <FormAlert message={props.serverError ?? form.formError} />
      <Field
        id={form.fieldId("name")}
        label="Nom du groupe"
        hint="Par exemple : Groupe 6-8 ans — mercredi matin"
        value={form.values.name}
        onValue={(v) => form.set("name", v)}
        error={form.errors.name}
      />
      <div className="desk-row">
        <SelectField
          id={form.fieldId("weekday")}
          label="Jour"
          value={form.values.weekday}
          onValue={(v) => form.set("weekday", v)}
          error={form.errors.weekday}
        >
          {weekdayNames.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </SelectField>
        <Field
          id={form.fieldId("startTime")}
          label="Début"
          type="time"
          value={form.values.startTime}
          onValue={(v) => form.set("startTime", v)}
          error={form.errors.startTime}
        />
        <Field
          id={form.fieldId("endTime")}
          label="Fin"
          type="time"
          value={form.values.endTime}
          onValue={(v) => form.set("endTime", v)}
          error={form.errors.endTime}
        />
      </div>
      <div className="desk-row">
        <Field
          id={form.fieldId("location")}
          label="Lieu"
          value={form.values.location}
          onValue={(v) => form.set("location", v)}
          error={form.errors.location}
        />
        <Field
          id={form.fieldId("coach")}
          label="Éducateur"
          value={form.values.coach}
          onValue={(v) => form.set("coach", v)}
          error={form.errors.coach}
        />
      </div>
      <div className="desk-row">
        <Field
          id={form.fieldId("minAge")}
          label="Âge minimum (ans)"
          inputMode="numeric"
          value={form.values.minAge}
          onValue={(v) => form.set("minAge", v)}
          error={form.errors.minAge}
        />
        <Field
          id={form.fieldId("maxAge")}
          label="Âge maximum (ans)"
          inputMode="numeric"
          value={form.values.maxAge}
          onValue={(v) => form.set("maxAge", v)}
          error={form.errors.maxAge}
        />
        <Field
          id={form.fieldId("capacity")}
          label="Places"
          inputMode="numeric"
          value={form.values.capacity}
          onValue={(v) => form.set("capacity", v)}
          error={form.errors.capacity}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={props.pending}>
          {props.submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}

/** A Territoire Jeune session: date, time, place, age range, places, price. */
export function SessionForm(props: TFormProps<TSessionInput> & { session: TSession | null }) {
  const s = props.session;
  const form = useSchemaForm({
    id: props.id,
    schema: ZSessionFieldsSchema,
    initial: {
      title: s?.title ?? "",
      description: s?.description ?? "",
      date: s?.date ?? "",
      startTime: s?.startTime ?? "",
      endTime: s?.endTime ?? "",
      location: s?.location ?? "",
      minAge: s ? String(s.minAge) : "11",
      maxAge: s ? String(s.maxAge) : "17",
      capacity: s ? String(s.capacity) : "",
      priceCents: s ? euroText(s.priceCents) : "",
    },
    toInput: (v) => ({
      ...v,
      minAge: numberOf(v.minAge),
      maxAge: numberOf(v.maxAge),
      capacity: numberOf(v.capacity),
      priceCents: centsOrNull(v.priceCents),
    }),
  });
  return (
    <form
      className="desk-form catalogue-editor"
      noValidate
      aria-label={s ? `Modifier « ${s.title} »` : "Nouvelle séance"}
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !props.pending) props.onSubmit(input);
      }}
    >
      <FormAlert message={props.serverError ?? form.formError} />
      <Field
        id={form.fieldId("title")}
        label="Titre"
        value={form.values.title}
        onValue={(v) => form.set("title", v)}
        error={form.errors.title}
      />
      <TextAreaField
        id={form.fieldId("description")}
        label="Description (lue par les familles)"
        value={form.values.description}
        onValue={(v) => form.set("description", v)}
        error={form.errors.description}
        rows={2}
      />
      <div className="desk-row">
        <Field
          id={form.fieldId("date")}
          label="Date"
          type="date"
          value={form.values.date}
          onValue={(v) => form.set("date", v)}
          error={form.errors.date}
        />
        <Field
          id={form.fieldId("startTime")}
          label="Début"
          type="time"
          value={form.values.startTime}
          onValue={(v) => form.set("startTime", v)}
          error={form.errors.startTime}
        />
        <Field
          id={form.fieldId("endTime")}
          label="Fin"
          type="time"
          value={form.values.endTime}
          onValue={(v) => form.set("endTime", v)}
          error={form.errors.endTime}
        />
      </div>
      <Field
        id={form.fieldId("location")}
        label="Lieu"
        value={form.values.location}
        onValue={(v) => form.set("location", v)}
        error={form.errors.location}
      />
      <div className="desk-row">
        <Field
          id={form.fieldId("minAge")}
          label="Âge minimum (ans)"
          inputMode="numeric"
          value={form.values.minAge}
          onValue={(v) => form.set("minAge", v)}
          error={form.errors.minAge}
        />
        <Field
          id={form.fieldId("maxAge")}
          label="Âge maximum (ans)"
          inputMode="numeric"
          value={form.values.maxAge}
          onValue={(v) => form.set("maxAge", v)}
          error={form.errors.maxAge}
        />
        <Field
          id={form.fieldId("capacity")}
          label="Places"
          inputMode="numeric"
          value={form.values.capacity}
          onValue={(v) => form.set("capacity", v)}
          error={form.errors.capacity}
        />
        <Field
          id={form.fieldId("priceCents")}
          label="Prix (€)"
          hint="Vide : la grille des tarifs de l'activité"
          inputMode="decimal"
          value={form.values.priceCents}
          onValue={(v) => form.set("priceCents", v)}
          error={form.errors.priceCents}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={props.pending}>
          {props.submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}
