import { children, dossiers, guardians, households } from "@ef/db";
import { and, asc, eq, exists, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { ZHouseholdSearchSchema } from "../../schemas";
import { currentSeason } from "../../seasons";
import { agentProcedure } from "../../trpc";

const ZResultSchema = z.object({
  id: z.number(),
  accountCode: z.string(),
  name: z.string(),
  city: z.string(),
  phone: z.string(),
  childrenNames: z.array(z.string()),
  dossierStatus: z.enum(["incomplete", "complete", "missing"]),
});

/** Escapes LIKE's wildcards in what the agent typed. */
const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Finds households by account code, household or parent name, child's name, or phone
 * (digits only, so "06 12 34" finds "0612345678").
 */
export const searchHouseholds = agentProcedure
  .input(ZHouseholdSearchSchema)
  .output(z.array(ZResultSchema))
  .query(({ ctx, input }) => {
    const q = input.q.toLowerCase();
    const text = likeArg(q);
    const digits = q.replace(/\D/g, "");
    const phoneMatch =
      digits.length >= 4
        ? [
            like(
              sql`replace(replace(replace(${households.phone}, ' ', ''), '.', ''), '-', '')`,
              likeArg(digits),
            ),
          ]
        : [];
    const esc = sql`escape '\\'`;
    const rows = ctx.db
      .select({
        id: households.id,
        accountCode: households.accountCode,
        name: households.name,
        city: households.city,
        phone: households.phone,
      })
      .from(households)
      .where(
        or(
          sql`lower(${households.accountCode}) like ${text} ${esc}`,
          sql`lower(${households.name}) like ${text} ${esc}`,
          exists(
            ctx.db
              .select({ one: sql`1` })
              .from(guardians)
              .where(
                and(
                  eq(guardians.householdId, households.id),
                  or(
                    sql`lower(${guardians.lastName}) like ${text} ${esc}`,
                    sql`lower(${guardians.firstName} || ' ' || ${guardians.lastName}) like ${text} ${esc}`,
                    ...(digits.length >= 4
                      ? [like(sql`replace(${guardians.phone}, ' ', '')`, likeArg(digits))]
                      : []),
                  ),
                ),
              ),
          ),
          exists(
            ctx.db
              .select({ one: sql`1` })
              .from(children)
              .where(
                and(
                  eq(children.householdId, households.id),
                  or(
                    sql`lower(${children.firstName}) like ${text} ${esc}`,
                    sql`lower(${children.lastName}) like ${text} ${esc}`,
                    sql`lower(${children.firstName} || ' ' || ${children.lastName}) like ${text} ${esc}`,
                  ),
                ),
              ),
          ),
          ...phoneMatch,
        ),
      )
      .orderBy(asc(households.accountCode))
      .limit(25)
      .all();
    const season = currentSeason(ctx.db, ctx.now);
    return rows.map((h) => {
      const kids = ctx.db
        .select({ firstName: children.firstName })
        .from(children)
        .where(eq(children.householdId, h.id))
        .orderBy(asc(children.birthDate))
        .all();
      const dossier = season
        ? ctx.db
            .select({ status: dossiers.status })
            .from(dossiers)
            .where(and(eq(dossiers.householdId, h.id), eq(dossiers.seasonId, season.id)))
            .get()
        : undefined;
      return {
        ...h,
        childrenNames: kids.map((k) => k.firstName),
        dossierStatus: dossier?.status ?? ("missing" as const),
      };
    });
  });
