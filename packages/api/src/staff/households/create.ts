import { generateToken } from "@ef/auth";
import { parisDay } from "@ef/core";
import {
  children,
  dossierPieces,
  dossiers,
  guardians,
  households,
  immediate,
  pieceKinds,
  users,
} from "@ef/db";
import { like } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { createHouseholdSchema, ZCreateHouseholdSchema } from "../../schemas";
import { currentSeason } from "../../seasons";
import { agentProcedure, TRPCError } from "../../trpc";

/** The next account code: `F` and 5 digits, one after the highest given so far. */
function nextAccountCode(db: Parameters<typeof currentSeason>[0]): string {
  const codes = db
    .select({ code: households.accountCode })
    .from(households)
    .where(like(households.accountCode, "F%"))
    .all();
  let highest = 0;
  for (const { code } of codes) {
    const m = /^F(\d{5})$/.exec(code);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return `F${String(highest + 1).padStart(5, "0")}`;
}

/**
 * "Nouvelle famille": the household with the next account code, its parent account (no usable
 * password until credentials are issued), its parents and children, and an empty dossier for the
 * current season — all or nothing.
 */
export const createHousehold = agentProcedure
  .input(ZCreateHouseholdSchema)
  .output(z.object({ householdId: z.number(), accountCode: z.string() }))
  .mutation(({ ctx, input: raw }) => {
    // Birth dates are checked against the town's day on the context's clock.
    const parsed = createHouseholdSchema(parisDay(ctx.now)).safeParse(raw);
    if (!parsed.success) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "invalid", cause: parsed.error });
    }
    const input = parsed.data;
    const at = ctx.now.toISOString();
    return immediate(ctx.db, (tx) => {
      const accountCode = nextAccountCode(tx);
      const household = tx
        .insert(households)
        .values({
          accountCode,
          name: input.name,
          addressLine: input.addressLine,
          postalCode: input.postalCode,
          city: input.city,
          resident: input.resident,
          qf: input.qf,
          qfUpdatedAt: input.qf === null ? null : at,
          email: input.email,
          phone: input.phone,
          createdAt: at,
        })
        .returning({ id: households.id })
        .get();
      tx.insert(users)
        .values({
          login: accountCode.toLowerCase(),
          role: "parent",
          householdId: household.id,
          displayName: input.name,
          email: input.email,
          // Not an argon2 hash: nothing verifies against it until credentials are issued.
          passwordHash: `!unusable-${generateToken()}`,
          mustChangePassword: true,
          createdAt: at,
        })
        .run();
      for (const g of input.guardians) {
        tx.insert(guardians)
          .values({ householdId: household.id, ...g, createdAt: at })
          .run();
      }
      for (const c of input.children) {
        tx.insert(children)
          .values({ householdId: household.id, ...c, createdAt: at })
          .run();
      }
      const season = currentSeason(tx, ctx.now);
      if (season) {
        const dossier = tx
          .insert(dossiers)
          .values({ householdId: household.id, seasonId: season.id, status: "incomplete" })
          .returning({ id: dossiers.id })
          .get();
        for (const kind of pieceKinds) {
          tx.insert(dossierPieces).values({ dossierId: dossier.id, kind, status: "missing" }).run();
        }
      }
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: household.id,
        action: "household.create",
        entity: "household",
        entityId: household.id,
        after: { accountCode, ...input },
      });
      return { householdId: household.id, accountCode };
    });
  });
