import { users } from "@ef/db";
import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { adminProcedure } from "../../trpc";

/** "Comptes du personnel": agents and admins, enabled or not. */
export const listStaffAccounts = adminProcedure
  .output(
    z.array(
      z.object({
        id: z.number(),
        login: z.string(),
        displayName: z.string(),
        email: z.string(),
        role: z.enum(["agent", "admin"]),
        disabled: z.boolean(),
        mustChangePassword: z.boolean(),
        /** The admin looking at the list: they cannot disable themself. */
        self: z.boolean(),
      }),
    ),
  )
  .query(({ ctx }) =>
    ctx.db
      .select({
        id: users.id,
        login: users.login,
        displayName: users.displayName,
        email: users.email,
        role: users.role,
        disabledAt: users.disabledAt,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .where(inArray(users.role, ["agent", "admin"]))
      .orderBy(asc(users.login))
      .all()
      .map(({ disabledAt, role, ...u }) => ({
        ...u,
        role: role === "admin" ? ("admin" as const) : ("agent" as const),
        disabled: disabledAt !== null,
        self: u.id === ctx.user.id,
      })),
  );
