import { z } from "zod";
import { touchSession } from "../session-store";
import { authedProcedure } from "../trpc";

/** `now`: the server's clock (which follows APP_NOW), so the screen can count down. */
const ZStatusSchema = z.object({ expiresAt: z.string(), now: z.string() });

/** When the session ends (polled by the console; does not count as activity). */
export const sessionStatus = authedProcedure
  .meta({ passive: true })
  .output(ZStatusSchema)
  .query(({ ctx }) => ({
    expiresAt: ctx.session.expiresAt.toISOString(),
    now: ctx.now.toISOString(),
  }));

/** "Rester connecté": restarts the staff idle timeout now. */
export const keepAlive = authedProcedure
  .meta({ passive: true })
  .output(ZStatusSchema)
  .mutation(({ ctx }) => {
    touchSession(ctx.db, ctx.session, ctx.now, true);
    return { expiresAt: ctx.session.expiresAt.toISOString(), now: ctx.now.toISOString() };
  });
