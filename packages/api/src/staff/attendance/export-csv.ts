import { agentProcedure } from "../../trpc";
import {
  attendanceStatusLabels,
  type TAttendanceChild,
  ZAttendanceCsvSchema,
  ZAttendanceDaySchema,
} from "./attendance.schemas";
import { loadActivity, loadRoster } from "./roster";

/** French Excel reads `;` as the separator and needs the BOM to take the file as UTF-8. */
const BOM = "\uFEFF";
const SEPARATOR = ";";

/** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function attendanceCsv(roster: TAttendanceChild[]): string {
  const header = ["Nom", "Prénom", "Âge", "Classe", "Foyer", "Santé/PAI", "Présence", "Note"];
  const rows = roster.map((c) => [
    c.lastName,
    c.firstName,
    String(c.age),
    c.classLevel ?? "",
    c.accountCode,
    [c.pai ? "PAI" : "", c.healthNotes].filter(Boolean).join(" : "),
    c.status ? attendanceStatusLabels[c.status] : "",
    c.note ?? "",
  ]);
  const lines = [header, ...rows].map((r) => r.map(csvField).join(SEPARATOR));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** A file name without accents or spaces: "pointage-restauration-scolaire-midi-2026-12-03.csv". */
function fileNameOf(activityName: string, date: string): string {
  const slug = activityName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `pointage-${slug}-${date}.csv`;
}

/** The pointage list as a CSV file for the spreadsheet. */
export const exportAttendanceCsv = agentProcedure
  .input(ZAttendanceDaySchema)
  .output(ZAttendanceCsvSchema)
  .query(({ ctx, input }) => {
    const activity = loadActivity(ctx.db, input.activityId);
    return {
      fileName: fileNameOf(activity.name, input.date),
      csv: attendanceCsv(loadRoster(ctx.db, input)),
    };
  });
