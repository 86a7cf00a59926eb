import type { RouterOutputs } from "@ef/api";
import { attendanceStatuses, attendanceStatusLabels } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { firstOfMonth, formatAge } from "../lib/format";
import { errorMessage, queryClient, trpc } from "../trpc";
import { Badge } from "./badge";

type TList = RouterOutputs["staff"]["attendance"]["list"];
type TChild = TList["children"][number];
type TDay = { activityId: number; date: string };

/** The children booked that day, their health flags, and the three marks for each. */
export function AttendanceTable({ list, day }: { list: TList; day: TDay }) {
  return (
    <table className="table attendance-table">
      <caption className="sr-only">
        Enfants réservés : {list.activity.name}, {longDay(list.date)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Enfant</th>
          <th scope="col">Âge</th>
          <th scope="col">Classe</th>
          <th scope="col">Foyer</th>
          <th scope="col">Santé / PAI</th>
          <th scope="col">Présence</th>
          <th scope="col" className="print-only">
            Signature
          </th>
        </tr>
      </thead>
      <tbody>
        {list.children.map((child) => (
          <AttendanceRow key={child.childId} child={child} day={day} />
        ))}
      </tbody>
    </table>
  );
}

function AttendanceRow({ child, day }: { child: TChild; day: TDay }) {
  const name = `${child.firstName} ${child.lastName}`;
  const listKey = trpc.staff.attendance.list.queryKey(day);
  const mark = useMutation(
    trpc.staff.attendance.mark.mutationOptions({
      onSuccess: (result) => {
        // The pressed button follows at once; the counts come with the list read again.
        queryClient.setQueryData(listKey, (old) =>
          old
            ? {
                ...old,
                children: old.children.map((c) =>
                  c.childId === result.childId
                    ? { ...c, status: result.status, note: result.note }
                    : c,
                ),
              }
            : old,
        );
        void queryClient.invalidateQueries({ queryKey: listKey });
      },
    }),
  );
  return (
    <tr>
      <th scope="row">
        <span className="attendance-last">{child.lastName}</span> {child.firstName}
      </th>
      <td>{formatAge(child.age)}</td>
      <td>{child.classLevel ?? "—"}</td>
      <td className="mono">{child.accountCode}</td>
      <td>
        {child.pai || child.allergy ? (
          <div className="attendance-health">
            <p className="attendance-badges">
              {child.pai ? <Badge tone="bad">PAI</Badge> : null}{" "}
              {child.allergy ? <Badge tone="warn">Allergie</Badge> : null}
            </p>
            {child.healthNotes ? <p>{child.healthNotes}</p> : null}
          </div>
        ) : child.healthNotes ? (
          <p>{child.healthNotes}</p>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <fieldset className="attendance-marks">
          <legend className="sr-only">Présence de {name}</legend>
          {attendanceStatuses.map((status) => (
            <button
              key={status}
              type="button"
              className={`attendance-mark attendance-mark-${status}`}
              aria-pressed={child.status === status}
              aria-label={`${attendanceStatusLabels[status]} — ${name}`}
              disabled={mark.isPending}
              onClick={() => mark.mutate({ ...day, childId: child.childId, status })}
            >
              {child.status === status ? "✓ " : ""}
              {attendanceStatusLabels[status]}
            </button>
          ))}
        </fieldset>
        <p className="print-only">
          {child.status ? attendanceStatusLabels[child.status] : ""}
          {child.note ? ` — ${child.note}` : ""}
        </p>
        {child.note ? <p className="muted screen-only">{child.note}</p> : null}
        {mark.isError ? (
          <p role="alert" className="field-error">
            {errorMessage(mark.error)}
          </p>
        ) : null}
      </td>
      <td className="print-only attendance-signature" />
    </tr>
  );
}

/** How many are booked, marked each way, and still to mark. */
export function AttendanceCounts({ counts }: { counts: TList["counts"] }) {
  const items: [string, number][] = [
    ["Réservés", counts.booked],
    ["Présents", counts.present],
    ["Absents", counts.absent],
    ["Excusés", counts.excused],
    ["Non pointés", counts.unmarked],
  ];
  return (
    <dl className="attendance-counts">
      {items.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

const longDayFr = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "jeudi 3 décembre 2026" from `YYYY-MM-DD`. */
export function longDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : firstOfMonth(longDayFr.format(at));
}
