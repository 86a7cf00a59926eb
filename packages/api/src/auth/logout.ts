import { z } from "zod";
import { deleteSession } from "../session-store";
import { publicProcedure } from "../trpc";

/** Ends this session (and clears the cookie even if the session was already gone). */
export const logout = publicProcedure
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx }) => {
    if (ctx.session) deleteSession(ctx.db, ctx.session.id);
    ctx.cookies.clearSession();
    return { ok: true as const };
  });
