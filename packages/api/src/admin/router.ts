import { users } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { adminProcedure } from "../trpc";

/** Admins' areas. Staff accounts: listed here; created and disabled with the console issue. */
export const adminRouter = {
  staffAccounts: {
    list: adminProcedure
      .output(
        z.array(
          z.object({
            id: z.number(),
            login: z.string(),
            displayName: z.string(),
            role: z.enum(["agent", "admin"]),
            disabled: z.boolean(),
          }),
        ),
      )
      .query(({ ctx }) =>
        ctx.db
          .select({
            id: users.id,
            login: users.login,
            displayName: users.displayName,
            role: users.role,
            disabledAt: users.disabledAt,
          })
          .from(users)
          .where(inArray(users.role, ["agent", "admin"]))
          .orderBy(asc(users.login))
          .all()
          .map(({ disabledAt, role, ...u }) => ({
            ...u,
            role: role === "admin" ? ("admin" as const) : ("agent" as const),
            disabled: disabledAt !== null,
          })),
      ),
  },
} satisfies TRPCRouterRecord;
