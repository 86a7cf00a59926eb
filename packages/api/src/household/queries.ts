import { ageOn, formatDayFr, parisDay } from "@ef/core";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  children,
  dossierPieces,
  dossiers,
  registrations,
  schools,
  seasons,
  type TDb,
} from "@ef/db";
import { and, asc, eq, gte, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { pieceLabels } from "../labels";
import { currentSeason } from "../seasons";

export const ZChildSchema = z.object({
  id: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  classLevel: z.string().nullable(),
  schoolName: z.string().nullable(),
  healthNotes: z.string(),
  pai: z.boolean(),
  registrations: z.array(
    z.object({
      id: z.number(),
      activityName: z.string(),
      activityId: z.number(),
      typeCode: z.string(),
      typeLabel: z.string(),
      /** The school year: the next one's registrations show beside the running one's. */
      seasonCode: z.string(),
      status: z.enum(["pending", "validated", "refused", "cancelled"]),
      refusalReason: z.string().nullable(),
      /** The EMS group or the Territoire Jeune session, if any. */
      detail: z.string().nullable(),
    }),
  ),
});

export const ZDossierSchema = z.object({
  seasonCode: z.string(),
  seasonLabel: z.string(),
  status: z.enum(["incomplete", "complete", "missing"]),
  pieces: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      status: z.enum(["missing", "uploaded", "accepted", "refused"]),
      refusalReason: z.string().nullable(),
    }),
  ),
});

/** A household's children with their school and this season's registrations. */
export function listChildren(db: TDb, householdId: number, now: Date) {
  const today = parisDay(now);
  const kids = db
    .select({
      id: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      birthDate: children.birthDate,
      classLevel: children.classLevel,
      schoolName: schools.name,
      healthNotes: children.healthNotes,
      pai: children.pai,
    })
    .from(children)
    .leftJoin(schools, eq(schools.id, children.schoolId))
    .where(eq(children.householdId, householdId))
    .orderBy(asc(children.birthDate))
    .all();
  const season = currentSeason(db, now);
  const regs =
    kids.length && season
      ? db
          .select({
            id: registrations.id,
            childId: registrations.childId,
            activityName: activities.name,
            activityId: activities.id,
            typeCode: activityTypes.code,
            typeLabel: activityTypes.label,
            seasonCode: seasons.code,
            status: registrations.status,
            refusalReason: registrations.refusalReason,
            groupName: activityGroups.name,
            sessionTitle: activitySessions.title,
            sessionDate: activitySessions.date,
          })
          .from(registrations)
          .innerJoin(activities, eq(activities.id, registrations.activityId))
          .leftJoin(activityGroups, eq(activityGroups.id, registrations.groupId))
          .leftJoin(activitySessions, eq(activitySessions.id, registrations.sessionId))
          .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
          .innerJoin(seasons, eq(seasons.id, registrations.seasonId))
          .where(
            and(
              inArray(
                registrations.childId,
                kids.map((k) => k.id),
              ),
              // This season's and the next one's, once its registrations have opened.
              or(eq(registrations.seasonId, season.id), gte(seasons.startsOn, today)),
            ),
          )
          .orderBy(asc(seasons.startsOn), asc(registrations.id))
          .all()
      : [];
  return kids.map((k) => ({
    ...k,
    age: ageOn(k.birthDate, today),
    registrations: regs
      .filter((r) => r.childId === k.id)
      .map(({ childId: _, groupName, sessionTitle, sessionDate, ...r }) => ({
        ...r,
        detail:
          groupName ??
          (sessionTitle && sessionDate ? `${sessionTitle} — ${formatDayFr(sessionDate)}` : null),
      })),
  }));
}

/** This season's dossier Pass'Enfance Jeunesse, piece by piece. */
export function getDossier(db: TDb, householdId: number, now: Date) {
  const season = currentSeason(db, now);
  if (!season) return null;
  const dossier = db
    .select({ id: dossiers.id, status: dossiers.status })
    .from(dossiers)
    .where(and(eq(dossiers.householdId, householdId), eq(dossiers.seasonId, season.id)))
    .get();
  const pieces = dossier
    ? db
        .select({
          kind: dossierPieces.kind,
          status: dossierPieces.status,
          refusalReason: dossierPieces.refusalReason,
        })
        .from(dossierPieces)
        .where(eq(dossierPieces.dossierId, dossier.id))
        .all()
    : [];
  const byKind = new Map(pieces.map((p) => [p.kind, p]));
  return {
    seasonCode: season.code,
    seasonLabel: season.label,
    status: dossier?.status ?? ("missing" as const),
    pieces: (Object.keys(pieceLabels) as (keyof typeof pieceLabels)[]).map((kind) => ({
      kind,
      label: pieceLabels[kind],
      status: byKind.get(kind)?.status ?? ("missing" as const),
      refusalReason: byKind.get(kind)?.refusalReason ?? null,
    })),
  };
}
