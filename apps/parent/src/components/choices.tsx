/**
 * A list of radio buttons as big rows (the whole row is the target), in a fieldset whose legend
 * asks the question. A choice may be disabled with its reason said next to it.
 */
import { type ReactNode, useId, useRef } from "react";

export type TChoice = {
  value: number | string;
  title: string;
  /** Times, a description… said after the title. */
  hint?: ReactNode;
  /** Why it cannot be chosen (shown, and the radio is disabled). */
  disabledReason?: string | null | undefined;
};

export function Choices<TValue extends number | string>(props: {
  legend: string;
  name: string;
  choices: (TChoice & { value: TValue })[];
  value: TValue | undefined;
  onChange: (value: TValue) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const errorId = `${id}-erreur`;
  return (
    <fieldset
      className={props.error ? "choices choices--error" : "choices"}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error ? (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      ) : null}
      {props.choices.map((choice) => {
        const titleId = `${id}-${choice.value}`;
        const hintId = `${titleId}-aide`;
        const disabled = Boolean(choice.disabledReason);
        return (
          <label
            key={choice.value}
            className={disabled ? "choice choice--disabled" : "choice"}
            data-choice={choice.value}
          >
            <input
              type="radio"
              name={props.name}
              value={choice.value}
              checked={props.value === choice.value}
              disabled={disabled}
              onChange={() => props.onChange(choice.value)}
              aria-labelledby={titleId}
              aria-describedby={choice.hint || disabled ? hintId : undefined}
            />
            <span className="choice__text">
              <span className="choice__title" id={titleId}>
                {choice.title}
              </span>
              {choice.hint || disabled ? (
                <span className="choice__hint" id={hintId}>
                  {disabled ? (
                    <span className="choice__reason">{choice.disabledReason}</span>
                  ) : null}
                  {choice.hint}
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** Puts the cursor on the first radio that can be chosen (after an error). */
export function useFocusFirstChoice() {
  const form = useRef<HTMLFormElement>(null);
  const focus = () =>
    form.current?.querySelector<HTMLInputElement>('input[type="radio"]:not(:disabled)')?.focus();
  return { form, focus };
}
