/**
 * The month as a phone shows it: weeks, then days; each day, per child, each activity as a row
 * with its state in words (and colour); in edit mode, each row is a check box.
 */
import type { RouterOutputs } from "@ef/api";
import { refreshBooking } from "../lib/basket";
import { formatDay, isoWeekday, mondayOf } from "../lib/dates";
import { formatEuros, plural } from "../lib/format";
import { JoinWaitingList } from "./waiting-list";

export type TMonth = RouterOutputs["planning"]["month"];
type TDay = TMonth["days"][number];
export type TCell = TDay["cells"][number];

/** A box's identity: child, activity, day. */
export const cellKey = (cell: { childId: number; activityId: number }, date: string) =>
  `${cell.childId}:${cell.activityId}:${date}`;

/** Checked means "booked once the panier is confirmed". */
export const initiallyChecked = (cell: TCell) => cell.state === "booked" || cell.state === "add";

/** The cell's state in words, as the parent reads it. */
export function stateWords(cell: TCell): string {
  switch (cell.state) {
    case "booked":
      return "Réservé";
    case "add":
      return "Dans le panier — à réserver";
    case "cancel":
      return "Dans le panier — à annuler";
    case "available":
      return cell.placesLeft === null
        ? "Libre"
        : `Libre (${plural(cell.placesLeft, "place", "places")})`;
    case "full":
      return "Complet";
    case "closed":
      return cell.note ? `Fermé — ${cell.note}` : "Fermé";
    case "not_offered":
      return cell.note ? `Non proposé (${cell.note})` : "Non proposé";
  }
}

const ICONS: Record<TCell["state"], string> = {
  booked: "✓",
  add: "+",
  cancel: "−",
  available: "○",
  full: "●",
  closed: "⊘",
  not_offered: "–",
};

type TEdit = {
  /** The boxes the parent changed and has not validated yet: key → wanted. */
  ticks: ReadonlyMap<string, boolean>;
  onToggle: (key: string, want: boolean, initial: boolean) => void;
};

export function PlanningDays(props: { month: TMonth; edit: TEdit | null }) {
  const { month } = props;
  const childName = new Map(month.children.map((c) => [c.id, c.firstName]));
  const activityName = new Map(
    month.children.flatMap((c) => c.activities.map((a) => [a.id, a.name] as const)),
  );
  const manyChildren = month.children.filter((c) => c.activities.length > 0).length > 1;

  const weeks = new Map<string, TDay[]>();
  for (const day of month.days) {
    const monday = mondayOf(day.date);
    weeks.set(monday, [...(weeks.get(monday) ?? []), day]);
  }

  return (
    <ol className="weeks">
      {[...weeks].map(([monday, days]) => {
        const weekdays = days.filter((d) => d.weekday <= 5);
        const offered = days.filter((d) => d.cells.some((c) => c.state !== "not_offered"));
        const note = offered.length === 0 ? commonNote(weekdays.flatMap((d) => d.cells)) : null;
        // A month that starts or ends on a week-end: nothing to say about that week.
        if (offered.length === 0 && weekdays.length === 0) return null;
        return (
          <li key={monday} className="week">
            <h3 className="week__title">Semaine du {formatDay(monday)}</h3>
            {offered.length === 0 && note && weekdays.length > 1 ? (
              <p className="day-off">Non proposé cette semaine : {note}</p>
            ) : (
              <ul className="days">
                {days.map((day) => {
                  if (!day.cells.some((c) => c.state !== "not_offered")) {
                    // Week-ends with nothing to book are left out; other days say why in one line.
                    if (isoWeekday(day.date) > 5) return null;
                    const why = sameNote(day.cells);
                    return (
                      <li key={day.date} className="day-off">
                        {day.label} — non proposé{why ? ` : ${why}` : ""}
                      </li>
                    );
                  }
                  return (
                    <li key={day.date} className="day">
                      <h4 className="day__title">{day.label}</h4>
                      {groupByChild(day.cells).map(([childId, cells]) => (
                        <div key={childId} className="day__child">
                          {manyChildren ? (
                            <p className="day__child-name">{childName.get(childId)}</p>
                          ) : null}
                          <ul className="cells">
                            {cells.map((cell) => (
                              <li key={cell.activityId}>
                                <Cell
                                  cell={cell}
                                  date={day.date}
                                  dayLabel={day.label}
                                  childName={childName.get(cell.childId) ?? ""}
                                  activity={activityName.get(cell.activityId) ?? ""}
                                  edit={props.edit}
                                />
                              </li>
                            ))}
                          </ul>
                        </div>
                      ))}
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function sameNote(cells: TCell[]): string | null {
  const notes = new Set(cells.map((c) => c.note));
  const [only] = notes;
  return notes.size === 1 && only ? only : null;
}

/** The reason most days of a closed week give (the holidays, rather than "not a Wednesday"). */
function commonNote(cells: TCell[]): string | null {
  const counts = new Map<string, number>();
  for (const c of cells) if (c.note) counts.set(c.note, (counts.get(c.note) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function groupByChild(cells: TCell[]): [number, TCell[]][] {
  const groups = new Map<number, TCell[]>();
  for (const cell of cells) groups.set(cell.childId, [...(groups.get(cell.childId) ?? []), cell]);
  return [...groups];
}

function Cell(props: {
  cell: TCell;
  date: string;
  /** « jeudi 14 janvier ». */
  dayLabel: string;
  childName: string;
  activity: string;
  edit: TEdit | null;
}) {
  const { cell, edit } = props;
  /** « Léa — Accueil du soir — jeudi 14 janvier ». */
  const label = `${props.childName} — ${props.activity} — ${props.dayLabel}`;
  const key = cellKey(cell, props.date);
  const stateId = `etat-${key.replaceAll(":", "-")}`;
  const price =
    cell.priceCents !== null && cell.state !== "closed" && cell.state !== "not_offered"
      ? formatEuros(cell.priceCents)
      : null;
  const holdLost = cell.holdLost ? (
    <span className="cell__warning">
      La place n'est plus retenue : ce jour est peut-être complet.
    </span>
  ) : null;

  if (!edit) {
    return (
      <div className={`cell cell--${cell.state}`}>
        <span className="cell__name">{props.activity}</span>
        <span className="visually-hidden"> : </span>
        <span className="cell__state">
          <span className="cell__icon" aria-hidden="true">
            {ICONS[cell.state]}
          </span>
          <span>{stateWords(cell)}</span>
        </span>
        {price ? <span className="cell__price">{price}</span> : null}
        {holdLost}
        {cell.state === "full" ? (
          <div className="cell__waiting">
            <JoinWaitingList
              childName={props.childName}
              label={`${props.activity} — ${props.dayLabel}`}
              target={{
                childId: cell.childId,
                activityId: cell.activityId,
                date: props.date,
                groupId: null,
                sessionId: null,
              }}
              onRefused={() => void refreshBooking()}
            />
          </div>
        ) : null}
      </div>
    );
  }

  const initial = initiallyChecked(cell);
  const wanted = edit.ticks.get(key);
  const checked = wanted ?? initial;
  const changed = wanted !== undefined;
  // A booked or panier day past its deadline: say why its box cannot change.
  const locked =
    !cell.editable && (cell.state === "booked" || cell.state === "add" || cell.state === "cancel")
      ? cell.note
      : null;
  return (
    <label
      className={`cell cell--edit cell--${cell.state}${changed ? " cell--changed" : ""}${cell.editable ? "" : " cell--locked"}`}
    >
      <input
        type="checkbox"
        className="cell__box"
        aria-label={label}
        aria-describedby={stateId}
        checked={checked}
        disabled={!cell.editable}
        onChange={(e) => edit.onToggle(key, e.target.checked, initial)}
      />
      <span className="cell__name">{props.activity}</span>
      <span className="cell__state" id={stateId}>
        {changed ? (
          checked ? (
            "Coché — à valider"
          ) : (
            "Décoché — à valider"
          )
        ) : (
          <>
            <span className="cell__icon" aria-hidden="true">
              {ICONS[cell.state]}
            </span>
            <span>
              {stateWords(cell)}
              {locked ? ` — fermé, ${locked}` : ""}
            </span>
          </>
        )}
      </span>
      {price ? <span className="cell__price">{price}</span> : null}
      {holdLost}
    </label>
  );
}
