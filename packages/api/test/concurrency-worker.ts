import { tmpdir } from "node:os";
/**
 * One of several processes hammering the same database file: for each family given, put the
 * contested day in the panier and "Terminer". Prints `{ booked, full, other }` as JSON.
 */
import { openDb, users } from "@ef/db";
import { eq } from "drizzle-orm";
import { createContextInner } from "../src/context";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";
import { createSession } from "../src/session-store";

const [path, activityText, day, ...codes] = process.argv.slice(2);
const db = openDb(path ?? "");
const activityId = Number(activityText);
const now = new Date("2026-12-01T08:00:00+01:00");
const services = createServices();
const out = { booked: 0, full: 0, other: [] as string[] };

const callers = (codes ?? []).map((code) => {
  const user = db
    .select({ id: users.id, role: users.role, householdId: users.householdId })
    .from(users)
    .where(eq(users.login, code.toLowerCase()))
    .get();
  if (!user?.householdId) throw new Error(`no user ${code}`);
  const { token } = createSession(db, user, now);
  const caller = createCaller(() =>
    createContextInner({
      db,
      clock: () => now,
      services,
      config: { publicUrl: "http://localhost", production: false, dataDir: tmpdir() },
      sessionToken: token,
    }),
  );
  return { caller, householdId: user.householdId };
});

await Promise.all(
  callers.map(async ({ caller, householdId }) => {
    try {
      const overview = await caller.household.overview({ householdId });
      const child = overview.children[0];
      if (!child) throw new Error("no child");
      const put = await caller.basket.setDays({
        householdId,
        version: 0,
        changes: [{ childId: child.id, activityId, date: day ?? "", want: true }],
      });
      await caller.basket.confirm({
        householdId,
        basketId: put.basketId ?? 0,
        version: put.version,
      });
      out.booked++;
    } catch (e) {
      const code = (e as { code?: string }).code;
      const message = (e as Error).message;
      if (code === "CONFLICT" && message.includes("complet")) out.full++;
      else out.other.push(`${code}: ${message}`);
    }
  }),
);
process.stdout.write(JSON.stringify(out));
