import { type FormEvent, type ReactNode, useState } from "react";
import type { z } from "zod";
import { errorMessage } from "../trpc";

type TErrors = Record<string, string>;

/**
 * A form whose values are typed as text (numbers, euros, days) and checked with the server's own
 * zod schema once turned into the procedure's input by `toInput`: the same rules and French
 * messages on the field before sending, what was typed kept whatever happens.
 */
export function useSchemaForm<K extends string, TOut>(options: {
  id: string;
  schema: z.ZodType<TOut>;
  initial: Record<K, string>;
  toInput: (values: Record<K, string>) => unknown;
}) {
  const { id, schema, initial, toInput } = options;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const show = (errs: TErrors, top: string | null) => {
    setErrors(errs);
    setFormError(top);
    const first = (Object.keys(initial) as K[]).find((f) => errs[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  return {
    values,
    errors,
    formError,
    set(field: K, value: string) {
      setValues((v) => ({ ...v, [field]: value }));
    },
    reset(next: Record<K, string>) {
      setValues(next);
      setErrors({});
      setFormError(null);
    },
    fieldId: (field: K) => `${id}-${field}`,
    /** What a `Field` (or `SelectField`…) needs for `field`: id, value, setter and message. */
    field: (field: K) => ({
      id: `${id}-${field}`,
      value: values[field],
      onValue: (value: string) => setValues((v) => ({ ...v, [field]: value })),
      error: errors[field],
    }),
    /** The parsed input, or null with the messages shown under their fields. */
    submit(event?: FormEvent): TOut | null {
      event?.preventDefault();
      const result = schema.safeParse(toInput(values));
      if (result.success) {
        show({}, null);
        return result.data;
      }
      const errs: TErrors = {};
      let other: string | null = null;
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "");
        if (key in initial) errs[key] ??= issue.message;
        else other ??= issue.message;
      }
      show(errs, Object.keys(errs).length ? "Corrigez les champs signalés." : other);
      return null;
    },
    /** A refused call: the server's French message on top (counts, clashes…), fields kept. */
    showServerError(error: unknown) {
      setFormError(errorMessage(error));
    },
  };
}

/** "" → null; "12" → 12; "1,5" → 1.5; anything else → NaN (the schema says what is wrong). */
export function numberOrNull(text: string): number | null {
  const t = text.trim().replace(",", ".");
  return t === "" ? null : Number(t);
}

/** A required number: "" is NaN, so the schema's own message shows. */
export function numberOf(text: string): number {
  return numberOrNull(text) ?? Number.NaN;
}

/** Euros typed "8,50" → 850 cents; "" → null. */
export function centsOrNull(text: string): number | null {
  const n = numberOrNull(text.replace(/\s|€/g, ""));
  return n === null ? null : Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
}

/** 850 → "8,50" for an input. */
export function euroText(cents: number | null): string {
  return cents === null ? "" : (cents / 100).toFixed(2).replace(".", ",");
}

export const weekdayNames = [
  "lundi",
  "mardi",
  "mercredi",
  "jeudi",
  "vendredi",
  "samedi",
  "dimanche",
];

/** A labelled select whose error is tied to it, like `Field`. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  const { id, label, value, onValue, error, hint, children } = props;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy.join(" ") || undefined}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Weekdays as check boxes, kept as "1,2,4,5". */
export function WeekdayChecks(props: {
  id: string;
  legend: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  const { id, legend, value, onValue, error } = props;
  const picked = new Set(value.split(",").filter(Boolean).map(Number));
  const toggle = (d: number) => {
    const next = new Set(picked);
    if (next.has(d)) next.delete(d);
    else next.add(d);
    onValue(
      [...next]
        .sort((a, b) => a - b)
        .map(String)
        .join(","),
    );
  };
  return (
    <fieldset
      className={error ? "desk-fieldset field-invalid" : "desk-fieldset"}
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div className="catalogue-checks">
        {weekdayNames.map((name, i) => (
          <label key={name} className="catalogue-check">
            <input type="checkbox" checked={picked.has(i + 1)} onChange={() => toggle(i + 1)} />
            {name}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "1,2,4,5" → [1, 2, 4, 5]. */
export function weekdaysOf(text: string): number[] {
  return text.split(",").filter(Boolean).map(Number);
}
