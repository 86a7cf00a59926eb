/**
 * tRPC setup: one place for init, the error formatter and every kind of procedure.
 *
 * Kinds narrow the context: after `parentProcedure`, `ctx.user` is a parent and `ctx.household`
 * is theirs; after `agentProcedure`, `ctx.user` is staff. A logged-in person lacking the role gets
 * FORBIDDEN; another family's row answers NOT_FOUND (its existence is nobody else's business).
 */
import { durable, households, prepared } from "@ef/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { ZodError, z } from "zod";
import type { TContext } from "./context";
import { AppError, appError } from "./errors";
import { ZHouseholdIdSchema } from "./schemas";
import { authRow, householdRefColumns, type THouseholdRef, touchSession } from "./session-store";

export type TMeta = {
  /** A poll that must not count as activity (the staff idle timeout keeps running). */
  passive?: boolean;
};

const t = initTRPC
  .context<TContext>()
  .meta<TMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zod = cause instanceof ZodError ? z.flattenError(cause) : null;
      const app = cause instanceof AppError ? cause : null;
      const hidden = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: hidden
          ? "Une erreur inattendue s'est produite. Réessayez dans un instant."
          : zod
            ? (zod.formErrors[0] ?? "Certains champs sont invalides.")
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: app?.appCode ?? (zod ? "INVALID" : null),
          retryAt: app?.details.retryAt ?? null,
          fieldErrors: zod ? (zod.fieldErrors as Record<string, string[]>) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure answers only once what it wrote is on disk: with the server's group commit the
 * WAL is flushed off the event loop, one flush for every commit made meanwhile (no-op otherwise).
 */
const durableProcedure = t.procedure.use(async ({ ctx, next }) => {
  const result = await next();
  await durable(ctx.db);
  return result;
});

/** Anyone, logged in or not. */
export const publicProcedure = durableProcedure;

/**
 * The logged-in person, or UNAUTHORIZED; slides the session on activity. `active` also refuses
 * an account whose first password is still to change.
 */
function requireSession(
  ctx: TContext,
  meta: TMeta | undefined,
  active: boolean,
): { session: NonNullable<TContext["session"]>; user: NonNullable<TContext["user"]> } {
  const { session, user } = ctx;
  if (!session || !user) {
    throw appError(
      "UNAUTHORIZED",
      ctx.hadSessionCookie
        ? "Votre session a expiré. Veuillez vous reconnecter."
        : "Veuillez vous connecter.",
    );
  }
  if (!meta?.passive) {
    const renewed = touchSession(ctx.db, session, ctx.now);
    if (renewed && session.kind === "parent") {
      // The cookie's own expiry follows the session's (staff cookies are session cookies).
      const token = ctx.sessionTokenForRenewal;
      if (token) ctx.cookies.setSession(token, renewed);
    }
  }
  if (active && user.mustChangePassword) throw appError("PASSWORD_CHANGE_REQUIRED");
  return { session, user };
}

// The checks below are one middleware each, durable included, not a chain: every layer of tRPC
// middleware copies the context again, on every request.

/** Logged in (even with a password still to change). Slides the session on activity. */
export const authedProcedure = t.procedure.use(async ({ ctx, meta, next }) => {
  try {
    return await next({ ctx: requireSession(ctx, meta, false) });
  } finally {
    await durable(ctx.db);
  }
});

/** Logged in with a password of one's own: the first login's change is done. */
const activeProcedure = t.procedure.use(async ({ ctx, meta, next }) => {
  try {
    return await next({ ctx: requireSession(ctx, meta, true) });
  } finally {
    await durable(ctx.db);
  }
});

/** A parent: `ctx.household` is their own household. */
export const parentProcedure = activeProcedure.use(({ ctx, next }) => {
  const { user } = ctx;
  if (user.role !== "parent" || user.householdId === null) {
    throw appError("FORBIDDEN", "Cette page est réservée aux familles.");
  }
  const household = householdOf(ctx, user.householdId);
  if (!household) throw appError("NOT_FOUND");
  return next({ ctx: { user: { ...user, role: "parent" as const }, household } });
});

/** Staff of the guichet unique: an agent or an admin. */
export const agentProcedure = activeProcedure.use(({ ctx, next }) => {
  const { user } = ctx;
  if (user.role !== "agent" && user.role !== "admin") {
    throw appError("FORBIDDEN", "Cette action est réservée au personnel du guichet unique.");
  }
  return next({ ctx: { user: { ...user, role: user.role } } });
});

/** Admins only. */
export const adminProcedure = agentProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw appError("FORBIDDEN", "Cette action est réservée aux administrateurs.");
  }
  return next({ ctx: { user: { ...ctx.user, role: "admin" as const } } });
});

/**
 * A household's own rows: its parent, or staff. Loads `ctx.household` from `input.householdId`;
 * another family's id answers NOT_FOUND, exactly as an id that does not exist.
 */
export const householdProcedure = activeProcedure
  .input(ZHouseholdIdSchema)
  .use(({ ctx, input, next }) => {
    const { user } = ctx;
    const isStaff = user.role === "agent" || user.role === "admin";
    if (!isStaff && user.householdId !== input.householdId) throw appError("NOT_FOUND");
    const household = householdOf(ctx, input.householdId);
    if (!household) throw appError("NOT_FOUND");
    return next({ ctx: { household, isStaff } });
  });

export type { THouseholdRef };

/** Household `id`: the parent's own, read with the session, or read now (staff). */
function householdOf(ctx: TContext, id: number): THouseholdRef | null {
  if (ctx.ownHousehold?.id === id) return ctx.ownHousehold;
  return loadHousehold(ctx.db, id);
}

function loadHousehold(db: TContext["db"], id: number): THouseholdRef | null {
  const statement = prepared(db, "loadHousehold", (d) =>
    d
      .select(householdRefColumns)
      .from(households)
      .where(eq(households.id, sql.placeholder("id")))
      .prepare(),
  );
  return authRow(db, `household:${id}`, () => statement.get({ id })) ?? null;
}

export { TRPCError };
