import { guardians, households, users } from "@ef/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../../errors";
import { getDossier, listChildren, ZChildSchema, ZDossierSchema } from "../../household/queries";
import { ZHouseholdIdSchema } from "../../schemas";
import { agentProcedure } from "../../trpc";

const ZDetailSchema = z.object({
  household: z.object({
    id: z.number(),
    accountCode: z.string(),
    name: z.string(),
    addressLine: z.string(),
    postalCode: z.string(),
    city: z.string(),
    resident: z.boolean(),
    qf: z.number().nullable(),
    qfValidUntil: z.string().nullable(),
    email: z.string(),
    phone: z.string(),
  }),
  guardians: z.array(
    z.object({
      id: z.number(),
      firstName: z.string(),
      lastName: z.string(),
      relationship: z.string(),
      email: z.string(),
      phone: z.string(),
    }),
  ),
  accounts: z.array(
    z.object({
      id: z.number(),
      login: z.string(),
      mustChangePassword: z.boolean(),
      disabled: z.boolean(),
    }),
  ),
  children: z.array(ZChildSchema),
  dossier: ZDossierSchema.nullable(),
});

/** A household's file at the desk: parents, children (with health notes), dossier, accounts. */
export const getHousehold = agentProcedure
  .input(ZHouseholdIdSchema)
  .output(ZDetailSchema)
  .query(({ ctx, input }) => {
    const household = ctx.db
      .select({
        id: households.id,
        accountCode: households.accountCode,
        name: households.name,
        addressLine: households.addressLine,
        postalCode: households.postalCode,
        city: households.city,
        resident: households.resident,
        qf: households.qf,
        qfValidUntil: households.qfValidUntil,
        email: households.email,
        phone: households.phone,
      })
      .from(households)
      .where(eq(households.id, input.householdId))
      .get();
    if (!household) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
    return {
      household,
      guardians: ctx.db
        .select({
          id: guardians.id,
          firstName: guardians.firstName,
          lastName: guardians.lastName,
          relationship: guardians.relationship,
          email: guardians.email,
          phone: guardians.phone,
        })
        .from(guardians)
        .where(eq(guardians.householdId, household.id))
        .orderBy(asc(guardians.id))
        .all(),
      accounts: ctx.db
        .select({
          id: users.id,
          login: users.login,
          mustChangePassword: users.mustChangePassword,
          disabledAt: users.disabledAt,
        })
        .from(users)
        .where(eq(users.householdId, household.id))
        .all()
        .map(({ disabledAt, ...u }) => ({
          ...u,
          login: u.login.toUpperCase(),
          disabled: disabledAt !== null,
        })),
      children: listChildren(ctx.db, household.id, ctx.now),
      dossier: getDossier(ctx.db, household.id, ctx.now),
    };
  });
