/**
 * Form pieces: a labelled field with its hint and its error under it, a password field with a
 * show/hide toggle, the form-level alert and a submit button that cannot fire twice.
 */
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import type { z } from "zod";
import { apiError } from "../trpc";

/** One French message per field name. */
export type TFieldErrors = Partial<Record<string, string>>;

type TSchemas = typeof import("../lib/schemas");
let schemas: Promise<TSchemas> | null = null;

/**
 * The server's own input schemas. zod and its French messages weigh a sixth of the app, so they
 * load just after the form shows (`usePreloadSchemas`) instead of before the first paint.
 */
function loadSchemas(): Promise<TSchemas> {
  schemas ??= import("../lib/schemas").catch((error: unknown) => {
    schemas = null;
    throw error;
  });
  return schemas;
}

export function usePreloadSchemas(): void {
  useEffect(() => {
    loadSchemas().catch(() => {});
  }, []);
}

/**
 * Checks the values with the server's schema: null when they pass, else the first message per
 * field. If the schemas cannot be fetched (network), the server checks them with the same rules.
 */
export async function check(
  pick: (schemas: TSchemas) => z.ZodType,
  values: unknown,
): Promise<TFieldErrors | null> {
  let schema: z.ZodType;
  try {
    schema = pick(await loadSchemas());
  } catch {
    return null;
  }
  const result = schema.safeParse(values);
  if (result.success) return null;
  const errors: TFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Runs one submit at a time: a second tap while the first is being checked or sent does nothing
 * (the button also turns disabled as soon as the request leaves).
 */
export function useSubmitOnce(): (task: () => Promise<unknown>) => void {
  const running = useRef(false);
  return (task) => {
    if (running.current) return;
    running.current = true;
    task()
      .catch(() => {
        // Errors are shown by the mutation's own state.
      })
      .finally(() => {
        running.current = false;
      });
  };
}

/** The field errors the server sent back (zod's, flattened), if any. */
export function serverFieldErrors(error: unknown): TFieldErrors {
  const fields = apiError(error)?.data?.fieldErrors ?? {};
  const errors: TFieldErrors = {};
  for (const [field, messages] of Object.entries(fields)) {
    if (messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * Shows new field errors and puts the cursor in the first wrong field, so a person who cannot
 * see the screen hears what to fix.
 */
export function showFieldErrors(
  form: HTMLFormElement | null,
  setErrors: (errors: TFieldErrors) => void,
  errors: TFieldErrors,
): void {
  flushSync(() => setErrors(errors));
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

type TFieldProps = {
  label: string;
  name: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  /** A control after the input (the password toggle). */
  after?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "name" | "id">;

export function TextField({
  label,
  name,
  value,
  onValueChange,
  error,
  hint,
  after,
  ...input
}: TFieldProps) {
  const id = useId();
  const hintId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className="field__row">
        <input
          id={id}
          name={name}
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onValueChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          {...input}
        />
        {after}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A password field with an "Afficher" / "Masquer" toggle (typing on a phone is error-prone). */
export function PasswordField(props: Omit<TFieldProps, "type" | "after">) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? "text" : "password"}
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      after={
        <button
          type="button"
          className="toggle"
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? "Masquer" : "Afficher"}
        </button>
      }
    />
  );
}

/** The form's message (wrong password, too many tries, link expired…). */
export function FormAlert(props: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {props.children}
    </div>
  );
}

/** Disabled and saying so while the request runs: a second tap does nothing. */
export function SubmitButton(props: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" className="button button--primary" disabled={props.pending}>
      {props.pending ? props.pendingLabel : props.label}
    </button>
  );
}

/** "Nouveau mot de passe" and its confirmation, the same on every page that sets a password. */
export function NewPasswordFields(props: {
  newPassword: string;
  confirmPassword: string;
  onNewPassword: (value: string) => void;
  onConfirmPassword: (value: string) => void;
  errors: { newPassword?: string; confirmPassword?: string };
}) {
  return (
    <>
      <PasswordField
        label="Nouveau mot de passe"
        name="newPassword"
        value={props.newPassword}
        onValueChange={props.onNewPassword}
        error={props.errors.newPassword}
        hint="12 caractères ou plus. Une phrase facile à retenir fait un bon mot de passe."
        autoComplete="new-password"
        minLength={12}
      />
      <PasswordField
        label="Confirmer le nouveau mot de passe"
        name="confirmPassword"
        value={props.confirmPassword}
        onValueChange={props.onConfirmPassword}
        error={props.errors.confirmPassword}
        autoComplete="new-password"
      />
    </>
  );
}
