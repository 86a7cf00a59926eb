import { attendance, auditLog } from "@ef/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  childId,
  errorOf,
  freshDb,
  makeCaller,
} from "../../../test/helpers";

const db = freshDb();
const lea = childId(db, "Léa");
const resto = activityId(db, "restauration");
const { caller: agent } = makeCaller(db, { who: "agent" });
const thursday = { activityId: resto, date: "2026-12-03" };

const rowsOf = (child: number) =>
  db.select().from(attendance).where(eq(attendance.childId, child)).all();
const auditLines = () =>
  db.select().from(auditLog).where(eq(auditLog.action, "attendance.mark")).all();

describe("staff.attendance", () => {
  it("offers the season's day activities, the school lunch among them", async () => {
    const list = await agent.staff.attendance.activities();
    expect(list).toContainEqual(
      expect.objectContaining({ id: resto, name: "Restauration scolaire (midi)" }),
    );
  });

  it("lists Léa booked for lunch on Thursday, with her PAI and allergy for the staff", async () => {
    const list = await agent.staff.attendance.list(thursday);
    const row = list.children.find((c) => c.childId === lea);
    expect(row).toMatchObject({
      firstName: "Léa",
      lastName: "Martin",
      age: 8,
      classLevel: "CE2",
      accountCode: "F00001",
      pai: true,
      allergy: true,
      status: null,
    });
    expect(row?.healthNotes).toMatch(/arachides/);
    expect(list.counts.booked).toBe(list.children.length);
    expect(list.counts.unmarked).toBe(list.children.length);
    const names = list.children.map((c) => c.lastName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it("marks Léa present then absent: one row, updated, with an audit line each time", async () => {
    await agent.staff.attendance.mark({ ...thursday, childId: lea, status: "present" });
    await agent.staff.attendance.mark({
      ...thursday,
      childId: lea,
      status: "absent",
      note: "Malade, prévenu par la maman",
    });
    const rows = rowsOf(lea);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "absent", note: "Malade, prévenu par la maman" });
    expect(rows[0]?.markedBy).not.toBeNull();
    const lines = auditLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]?.before).toBeNull();
    expect(lines[0]?.after).toMatchObject({ status: "present" });
    expect(lines[1]?.before).toMatchObject({ status: "present" });
    expect(lines[1]?.after).toMatchObject({ status: "absent" });
    const list = await agent.staff.attendance.list(thursday);
    expect(list.children.find((c) => c.childId === lea)?.status).toBe("absent");
    expect(list.counts.absent).toBe(1);
  });

  it("refuses to mark a child who is not booked that day, and writes nothing", async () => {
    const other = addFamily(db, { activityCodes: ["restauration"] });
    const before = auditLines().length;
    const err = await errorOf(
      agent.staff.attendance.mark({ ...thursday, childId: other.childId, status: "present" }),
    );
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toMatch(/n'est pas réservé/);
    // Léa is booked on the 3rd, not on the 2nd.
    const notThatDay = await errorOf(
      agent.staff.attendance.mark({
        ...thursday,
        date: "2026-12-02",
        childId: lea,
        status: "present",
      }),
    );
    expect(notThatDay.code).toBe("NOT_FOUND");
    expect(rowsOf(other.childId)).toEqual([]);
    expect(rowsOf(lea)).toHaveLength(1);
    expect(auditLines()).toHaveLength(before);
  });

  it("exports a French Excel CSV: BOM, header, Léa present, a `;` in a note escaped", async () => {
    await agent.staff.attendance.mark({
      ...thursday,
      childId: lea,
      status: "present",
      note: 'Arrivée à 12h; repas "sans arachides"',
    });
    const { fileName, csv } = await agent.staff.attendance.exportCsv(thursday);
    expect(fileName).toBe("pointage-restauration-scolaire-midi-2026-12-03.csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Nom;Prénom;Âge;Classe;Foyer;Santé/PAI;Présence;Note");
    const leaLine = lines.find((l) => l.startsWith("Martin;Léa;"));
    expect(leaLine).toBe(
      "Martin;Léa;8;CE2;F00001;PAI : Allergie aux arachides : trousse d'urgence (stylo d'adrénaline) dans le cartable.;Présent;" +
        '"Arrivée à 12h; repas ""sans arachides"""',
    );
  });
});
