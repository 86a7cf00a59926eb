import { STAFF_WARNING_MS } from "@ef/auth";
import { parisDay } from "@ef/core";
import { z } from "zod";
import { publicProcedure } from "../trpc";

export const ZMeOutputSchema = z
  .object({
    id: z.number(),
    login: z.string(),
    role: z.enum(["parent", "agent", "admin"]),
    displayName: z.string(),
    householdId: z.number().nullable(),
    mustChangePassword: z.boolean(),
    sessionExpiresAt: z.string(),
    /** Staff: how long before expiry the console warns. */
    warnBeforeMs: z.number(),
    /** The server's today (Europe/Paris), which follows APP_NOW in the demo. */
    today: z.string(),
  })
  .nullable();

/** Who is logged in, or null. Passive: asking does not count as activity. */
export const me = publicProcedure
  .meta({ passive: true })
  .output(ZMeOutputSchema)
  .query(({ ctx }) => {
    const { user, session } = ctx;
    if (!user || !session) return null;
    return {
      id: user.id,
      login: user.role === "parent" ? user.login.toUpperCase() : user.login,
      role: user.role,
      displayName: user.displayName,
      householdId: user.householdId,
      mustChangePassword: user.mustChangePassword,
      sessionExpiresAt: session.expiresAt.toISOString(),
      warnBeforeMs: STAFF_WARNING_MS,
      today: parisDay(ctx.now),
    };
  });
