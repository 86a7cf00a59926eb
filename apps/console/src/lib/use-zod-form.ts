import { type FormEvent, useState } from "react";
import { z } from "zod";
import { errorMessage, fieldErrorsOf } from "../trpc";

type TErrors<K extends string> = Partial<Record<K, string>>;

/**
 * A form checked with the server's own zod schema: the same rules and the same French messages
 * before sending, and the server's answers (message and field messages) shown the same way.
 * What was typed is kept whatever happens.
 */
export function useZodForm<K extends string, TOut>(options: {
  /** Prefix of the inputs' ids: `${id}-${field}`. */
  id: string;
  schema: z.ZodType<TOut>;
  initial: Record<K, string>;
  /** Values the person does not type (e.g. `audience`, a link's token). */
  fixed?: Record<string, unknown>;
}) {
  const { id, schema, initial, fixed } = options;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TErrors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const fields = Object.keys(initial) as K[];

  const focusFirst = (errs: TErrors<K>) => {
    const first = fields.find((f) => errs[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const pick = (all: Record<string, string[] | undefined>): TErrors<K> => {
    const out: TErrors<K> = {};
    for (const f of fields) {
      const message = all[f]?.[0];
      if (message) out[f] = message;
    }
    return out;
  };

  return {
    values,
    errors,
    formError,
    set(field: K, value: string) {
      setValues((v) => ({ ...v, [field]: value }));
    },
    /** The id of `field`'s input. */
    fieldId: (field: K) => `${id}-${field}`,
    /** Checks the values; on success returns the parsed input, otherwise shows the messages. */
    submit(event: FormEvent): TOut | null {
      event.preventDefault();
      setFormError(null);
      const result = schema.safeParse({ ...values, ...fixed });
      if (result.success) {
        setErrors({});
        return result.data;
      }
      const flat = z.flattenError(result.error);
      const byField = flat.fieldErrors as Record<string, string[] | undefined>;
      const errs = pick(byField);
      setErrors(errs);
      if (Object.keys(errs).length === 0) {
        // A rule on something not typed here (a link's token…): say it on top.
        const other = Object.values(byField).flat()[0];
        setFormError(flat.formErrors[0] ?? other ?? "Certains champs sont invalides.");
      }
      focusFirst(errs);
      return null;
    },
    /** Shows a failed call: the server's message on top, its field messages under the fields. */
    showServerError(error: unknown) {
      const errs = pick(fieldErrorsOf(error));
      setErrors(errs);
      setFormError(errorMessage(error));
    },
  };
}
