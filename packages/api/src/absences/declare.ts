import { absences, immediate } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { removePrivateFile, withStoredFile, ZUploadSchema } from "../files/private-files";
import { householdProcedure } from "../trpc";
import { ZDeclareAbsenceFormSchema } from "./absences.schemas";
import { checkDeclaration } from "./service";

export const ZDeclareAbsenceSchema = ZDeclareAbsenceFormSchema.extend({
  // Optional in the schema so that its absence gets a sentence of its own, not zod's.
  certificate: ZUploadSchema.nullish(),
});

/**
 * "Signaler une absence": a booked day, from that morning up to 7 days after, with a medical
 * certificate (PDF, JPEG or PNG, 5 Mo). An agent then accepts or refuses it. A refused
 * declaration may be made again with another certificate: it replaces the refused one.
 */
export const declareAbsence = householdProcedure
  .input(ZDeclareAbsenceSchema)
  .output(z.object({ id: z.number(), status: z.literal("pending"), lastDay: z.string() }))
  .mutation(({ ctx, input }) => {
    const householdId = ctx.household.id;
    // Judged before the file is written: a late or unbooked day is refused without storing it.
    checkDeclaration(ctx.db, householdId, input, ctx.now);
    const certificate = input.certificate;
    if (!certificate) {
      throw appError(
        "INVALID",
        "Joignez le certificat médical (PDF, JPEG ou PNG, 5 Mo au plus) : sans lui, l'absence ne peut pas être justifiée.",
      );
    }
    let replacedFile: string | null = null;
    const result = withStoredFile(ctx.config.dataDir, "absences", certificate, (file) =>
      immediate(ctx.db, (tx) => {
        const { child, booked, refused, lastDay } = checkDeclaration(
          tx,
          householdId,
          input,
          ctx.now,
        );
        const values = {
          reason: input.reason,
          ...file,
          status: "pending" as const,
          declaredAt: ctx.now.toISOString(),
          declaredBy: ctx.user.id,
          reviewedAt: null,
          reviewedBy: null,
          refusalReason: null,
        };
        const row = refused
          ? tx
              .update(absences)
              .set(values)
              .where(eq(absences.id, refused.id))
              .returning({ id: absences.id })
              .get()
          : tx
              .insert(absences)
              .values({ householdId, childId: child.id, date: input.date, ...values })
              .returning({ id: absences.id })
              .get();
        if (!row) throw appError("CONFLICT");
        replacedFile = refused?.filePath ?? null;
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          householdId,
          action: refused ? "absence.declare_again" : "absence.declare",
          entity: "absence",
          entityId: row.id,
          before: refused ? { status: "refused" } : null,
          after: {
            childId: child.id,
            date: input.date,
            reason: input.reason,
            fileName: file.fileName,
            activities: booked.map((b) => b.name),
            status: "pending",
          },
        });
        return { id: row.id, status: "pending" as const, lastDay };
      }),
    );
    // The refused certificate is no longer pointed at: remove it once the new one is recorded.
    removePrivateFile(ctx.config.dataDir, replacedFile);
    return result;
  });
