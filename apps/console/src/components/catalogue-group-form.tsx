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
        {...form.field("name")}
        label="Nom du groupe"
        hint="Par exemple : Groupe 6-8 ans — mercredi matin"
      />
      <div className="desk-row">
        <SelectField {...form.field("weekday")} label="Jour">
          {weekdayNames.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </SelectField>
        <Field {...form.field("startTime")} label="Début" type="time" />
        <Field {...form.field("endTime")} label="Fin" type="time" />
      </div>
      <div className="desk-row">
        <Field {...form.field("location")} label="Lieu" />
        <Field {...form.field("coach")} label="Éducateur" />
      </div>
      <div className="desk-row">
        <Field {...form.field("minAge")} label="Âge minimum (ans)" inputMode="numeric" />
        <Field {...form.field("maxAge")} label="Âge maximum (ans)" inputMode="numeric" />
        <Field {...form.field("capacity")} label="Places" inputMode="numeric" />
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
      <Field {...form.field("title")} label="Titre" />
      <TextAreaField
        {...form.field("description")}
        label="Description (lue par les familles)"
        rows={2}
      />
      <div className="desk-row">
        <Field {...form.field("date")} label="Date" type="date" />
        <Field {...form.field("startTime")} label="Début" type="time" />
        <Field {...form.field("endTime")} label="Fin" type="time" />
      </div>
      <Field {...form.field("location")} label="Lieu" />
      <div className="desk-row">
        <Field {...form.field("minAge")} label="Âge minimum (ans)" inputMode="numeric" />
        <Field {...form.field("maxAge")} label="Âge maximum (ans)" inputMode="numeric" />
        <Field {...form.field("capacity")} label="Places" inputMode="numeric" />
        <Field
          {...form.field("priceCents")}
          label="Prix (€)"
          hint="Vide : la grille des tarifs de l'activité"
          inputMode="decimal"
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
