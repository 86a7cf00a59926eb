/**
 * "Semaine type": the same weekdays every week, from today (or the month's first day) to the end
 * of the month or a chosen day, put in the panier; the days that could not be are listed.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { refreshBooking } from "../lib/basket";
import { formatDay, lastDayOf } from "../lib/dates";
import { plural } from "../lib/format";
import { apiError, errorMessage, trpc } from "../trpc";
import {
  check,
  FormAlert,
  SubmitButton,
  showFieldErrors,
  type TFieldErrors,
  usePreloadSchemas,
  useSubmitOnce,
} from "./form";
import type { TMonth } from "./planning-days";

const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"] as const;

type TResult = { added: number; skipped: { date: string; reason: string }[] };

export function WeekPattern(props: {
  householdId: number;
  month: TMonth;
  /** Today in Albertville, "YYYY-MM-DD". */
  today: string;
}) {
  const { month } = props;
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const kids = month.children.filter((c) => c.activities.length > 0);
  const [childId, setChildId] = useState(kids.length === 1 ? kids[0]?.id : undefined);
  const child = kids.find((c) => c.id === childId);
  const [activityId, setActivityId] = useState<number | undefined>(
    child?.activities.length === 1 ? child.activities[0]?.id : undefined,
  );
  const activity = child?.activities.find((a) => a.id === activityId);
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [until, setUntil] = useState<"mois" | "periode">("mois");
  const endOfMonth = lastDayOf(month.month);
  const [lastDay, setLastDay] = useState(endOfMonth);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [result, setResult] = useState<TResult | null>(null);

  const firstOfMonth = `${month.month}-01`;
  const from = props.today > firstOfMonth ? props.today : firstOfMonth;
  const offeredWeekdays = [1, 2, 3, 4, 5].filter(
    (d) => activity?.weekdays == null || activity.weekdays.includes(d),
  );

  const mutation = useMutation(
    trpc.basket.applyPattern.mutationOptions({
      onSuccess: async (out) => {
        setResult({ added: out.added, skipped: out.skipped });
        await refreshBooking();
      },
      onError: async (error) => {
        if (apiError(error)?.data?.appCode === "CONFLICT") await refreshBooking();
      },
    }),
  );
  usePreloadSchemas();
  const submitOnce = useSubmitOnce();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input = {
      householdId: props.householdId,
      version: month.basket.version,
      childId: childId ?? 0,
      activityId: activityId ?? 0,
      weekdays: weekdays.filter((d) => offeredWeekdays.includes(d)).sort(),
      from,
      to: until === "mois" ? endOfMonth : lastDay,
    };
    submitOnce(async () => {
      const invalid: TFieldErrors = {
        ...(await check((s) => s.ZApplyPatternSchema, input)),
        ...(childId ? {} : { childId: "Choisissez un enfant." }),
        ...(activityId ? {} : { activityId: "Choisissez une activité." }),
      };
      if (Object.keys(invalid).length > 0) {
        mutation.reset();
        setResult(null);
        showFieldErrors(form.current, setErrors, invalid);
        return;
      }
      setErrors({});
      setResult(null);
      await mutation.mutateAsync(input);
    });
  }

  if (kids.length === 0) return null;

  return (
    <details className="disclosure">
      <summary>Semaine type</summary>
      <p className="note">
        Les mêmes jours chaque semaine, à partir du {formatDay(from)} : ils s'ajoutent au panier,
        sauf les jours fermés, complets ou non proposés.
      </p>
      <form ref={form} className="form" onSubmit={onSubmit} noValidate>
        <div className={errors.childId ? "field field--error" : "field"}>
          <label htmlFor={`${id}-enfant`}>Enfant</label>
          <select
            id={`${id}-enfant`}
            value={childId ?? ""}
            aria-invalid={errors.childId ? true : undefined}
            aria-describedby={errors.childId ? `${id}-enfant-erreur` : undefined}
            onChange={(e) => {
              const next = kids.find((c) => c.id === Number(e.target.value));
              setChildId(next?.id);
              setActivityId(next?.activities.length === 1 ? next.activities[0]?.id : undefined);
            }}
          >
            {kids.length > 1 ? <option value="">Choisir…</option> : null}
            {kids.map((c) => (
              <option key={c.id} value={c.id}>
                {c.firstName}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-enfant-erreur`} error={errors.childId} />
        </div>

        <div className={errors.activityId ? "field field--error" : "field"}>
          <label htmlFor={`${id}-activite`}>Activité</label>
          <select
            id={`${id}-activite`}
            value={activityId ?? ""}
            disabled={!child}
            aria-invalid={errors.activityId ? true : undefined}
            aria-describedby={errors.activityId ? `${id}-activite-erreur` : undefined}
            onChange={(e) => setActivityId(Number(e.target.value) || undefined)}
          >
            {child && child.activities.length === 1 ? null : <option value="">Choisir…</option>}
            {(child?.activities ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-activite-erreur`} error={errors.activityId} />
        </div>

        <fieldset
          className={errors.weekdays ? "choices choices--error" : "choices"}
          aria-describedby={errors.weekdays ? `${id}-jours-erreur` : undefined}
        >
          <legend>Jours de la semaine</legend>
          <FieldError id={`${id}-jours-erreur`} error={errors.weekdays} />
          <div className="weekday-boxes">
            {offeredWeekdays.map((d) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={weekdays.includes(d)}
                  aria-invalid={errors.weekdays ? true : undefined}
                  onChange={(e) =>
                    setWeekdays((all) =>
                      e.target.checked ? [...all, d] : all.filter((x) => x !== d),
                    )
                  }
                />
                {WEEKDAYS[d - 1]}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="choices">
          <legend>Jusqu'à quand ?</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-fin`}
              checked={until === "mois"}
              onChange={() => setUntil("mois")}
            />
            Jusqu'à la fin du mois
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-fin`}
              checked={until === "periode"}
              onChange={() => setUntil("periode")}
            />
            Jusqu'à la fin de la période
          </label>
          {until === "periode" ? (
            <div className={errors.to ? "field field--error" : "field"}>
              <label htmlFor={`${id}-date`}>Dernier jour</label>
              <div className="field__row">
                <input
                  id={`${id}-date`}
                  type="date"
                  value={lastDay}
                  min={from}
                  aria-invalid={errors.to ? true : undefined}
                  aria-describedby={errors.to ? `${id}-date-erreur` : undefined}
                  onChange={(e) => setLastDay(e.target.value)}
                />
              </div>
              <FieldError id={`${id}-date-erreur`} error={errors.to} />
            </div>
          ) : errors.to ? (
            <FieldError id={`${id}-date-erreur`} error={errors.to} />
          ) : null}
        </fieldset>

        {mutation.isError ? <FormAlert>{errorMessage(mutation.error)}</FormAlert> : null}
        <SubmitButton
          pending={mutation.isPending}
          label="Ajouter au panier"
          pendingLabel="Ajout au panier…"
        />
      </form>
      <div role="status">
        {result ? (
          <div className="alert alert--success">
            <p>
              {result.added === 0
                ? "Aucun jour ajouté au panier."
                : `${plural(result.added, "jour ajouté", "jours ajoutés")} au panier.`}
            </p>
            {result.skipped.length > 0 ? (
              <>
                <p>Jours non ajoutés :</p>
                <ul className="skipped">
                  {result.skipped.map((s) => (
                    <li key={s.date + s.reason}>{s.reason}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </details>
  );
}

function FieldError(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <p className="field__error" id={props.id}>
      <span aria-hidden="true">⚠ </span>
      {props.error}
    </p>
  ) : null;
}
