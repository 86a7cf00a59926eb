/**
 * The warm-up: as a production server starts, it books and pays, as parents do, on a database of
 * its own (a temporary file, thrown away afterwards) — month planning, "Valider", récapitulatif,
 * "Payer", the PayFiP simulator pays, the return — through its own HTTP stack. It runs beside the
 * first requests (the port is open meanwhile), for about ten seconds.
 *
 * Why: JavaScript runs slowly until the engine has seen a path often enough to compile it. Right
 * after a restart the paid path had been seen by nobody, and the first hundreds of payments cost
 * the server about half as much CPU again (`pnpm bench:rush`, 300 families paying: 15–16 ms of
 * server CPU each on a fresh server, 10 ms once it had taken 300 payments). At the opening of the
 * summer places those first hundred payments come in the same second: a server restarted the
 * night before answered in 400–520 ms at p99; warmed up by 600 families, in 190–290 ms.
 *
 * Nothing of it reaches the town's database, mail or PayFiP: its own file, its own simulator on
 * a loopback port, no SMTP. A warm-up that fails is logged and changes nothing else; one under
 * way when the server stops ends with the families already started.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClock, createServices, createSession } from "@ef/api";
import { addDays, parisDay } from "@ef/core";
import { activities, groupCommit, migrate, openDb, seasons, type TDb } from "@ef/db";
import { seedDemo } from "@ef/db/seed";
import {
  createPayfipClient,
  createPayfipSimulator,
  payfipSimulatorUrls,
  paymentPageUrl,
  simulatorPaymentForm,
} from "@ef/payfip";
import { eq } from "drizzle-orm";
import { createAppServer } from "./app";
import type { TServerConfig } from "./config";
import { sessionCookieName } from "./cookies";
import { addFamilies, HOLIDAY_ACTIVITY_CODE, holidayActivity } from "./families";
import type { TLog } from "./log";

/** Families paying at the same time. */
const CONCURRENCY = 4;
/** Months looked at, from the current one, for days still open to bookings. */
const MONTHS_AHEAD = 8;

export type TWarmUpResult =
  | { done: true; paid: number; full: number; ms: number }
  | { done: false; reason: string; ms: number };

type TAnswer = { status: number; body: string };

/** A small HTTP client on kept-alive connections, as phones use them. */
function httpClient(origin: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
  const call = (
    method: "GET" | "POST",
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<TAnswer> =>
    new Promise((ok, fail) => {
      const req = request(
        `${origin}${path}`,
        {
          method,
          agent,
          headers: {
            origin,
            ...headers,
            ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => ok({ status: res.statusCode ?? 0, body: text }));
          res.on("error", fail);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error("pas de réponse en 30 s")));
      req.on("error", fail);
      req.end(body);
    });
  return { call, close: () => agent.destroy() };
}

type TTrpcAnswer<T> = { ok: true; data: T } | { ok: false; message: string };

function trpcAnswer<T>(a: TAnswer): TTrpcAnswer<T> {
  const json = JSON.parse(a.body) as { result?: { data: T }; error?: { message: string } };
  if (a.status === 200 && json.result) return { ok: true, data: json.result.data };
  return { ok: false, message: json.error?.message ?? `HTTP ${a.status}` };
}

type TMonth = {
  basket: { version: number };
  days: { date: string; cells: { childId: number; activityId: number; state: string }[] }[];
};

/**
 * Runs `flows` families through the paid path on a throwaway database (see the top of this file);
 * `capacity` is a little under `flows`, so that the last ones also meet « complet ».
 */
export async function warmUp(
  config: TServerConfig,
  log: TLog,
  flows: number,
  /** Set when the server stops: the families under way finish, no other starts. */
  control: { stopped: boolean } = { stopped: false },
): Promise<TWarmUpResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let dir: string | null = null;
  let opened: TDb | null = null;
  let server: Server | null = null;
  let client: ReturnType<typeof httpClient> | null = null;
  let simulator: ReturnType<typeof createPayfipSimulator> | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), "ef-warm-up-"));
    const db = openDb(join(dir, "warm-up.db"));
    opened = db;
    const clock = createClock(config.appNow, config.production);
    const now = clock();
    migrate(db);
    await seedDemo(db, { dataDir: join(dir, "data"), now });
    groupCommit(db);
    // The demo's school year, moved by whole years of 52 weeks (weekdays kept) until it runs at
    // least two more months from today: the warm-up works whatever the year.
    const season = db.select({ endsOn: seasons.endsOn }).from(seasons).get();
    if (!season) return { done: false, reason: "pas de saison dans la démo", ms: ms() };
    const today = parisDay(now);
    const year = Number(today.slice(0, 4));
    let weeks = 0;
    while (addDays(season.endsOn, weeks * 7) < addDays(today, 60)) weeks += 52;
    if (weeks > 0) {
      const shift = `+${weeks * 7} days`;
      db.$client
        .prepare("update seasons set starts_on = date(starts_on, ?), ends_on = date(ends_on, ?)")
        .run(shift, shift);
      db.$client
        .prepare(
          "update calendar_periods set starts_on = date(starts_on, ?), ends_on = date(ends_on, ?)",
        )
        .run(shift, shift);
    }
    const activity = holidayActivity(db);
    if (!activity) {
      return { done: false, reason: `activité ${HOLIDAY_ACTIVITY_CODE} absente`, ms: ms() };
    }
    // The families: one child each, 8 years old on the day (CE2, the activity's age), registered
    // to the holiday activity; no password (they never log in), a session each opened here.
    const cookieName = sessionCookieName(config.production);
    const families = addFamilies(db, activity, flows, {
      prefix: "W",
      name: (i) => `Chauffe ${i + 1}`,
      lastName: "Chauffe",
      emailDomain: "chauffe.invalid",
      passwordHash: "!",
      birthDate: `${year - 8}-01-15`,
      now,
    }).map((f) => ({
      householdId: f.householdId,
      childId: f.childId,
      cookie: `${cookieName}=${createSession(db, { id: f.userId, role: "parent" }, now).token}`,
    }));
    const capacity = Math.max(1, flows - Math.ceil(flows / 10));
    db.update(activities).set({ capacity }).where(eq(activities.id, activity.id)).run();

    // Its own server and simulator, on a loopback port; the notifications come back to it.
    const scratch: TServerConfig = {
      ...config,
      publicUrl: "http://127.0.0.1",
      smtpUrl: null,
      seedDemo: false,
      payfip: { mode: "simulator", numcli: "000000", saisie: "T" },
    };
    simulator = createPayfipSimulator({ now: clock });
    const services = createServices();
    const quiet: TLog = (level, msg, data) => {
      if (level === "error") log("warn", "warmup.error", { msg, ...data });
    };
    const app = createAppServer({ db, clock, config: scratch, services, log: quiet, simulator });
    server = app;
    await new Promise<void>((ok, fail) => {
      app.once("error", fail);
      app.listen(0, "127.0.0.1", () => ok());
    });
    const address = app.address();
    const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    // Read on every request: PayFiP's notification and return addresses are this server's.
    scratch.publicUrl = origin;
    const simulated = payfipSimulatorUrls(origin);
    services.payfip = {
      client: createPayfipClient({ endpoint: simulated.endpoint, numcli: "000000", saisie: "T" }),
      pageUrl: (idOp) => paymentPageUrl(simulated.paymentPage, idOp),
    };
    const http = httpClient(origin);
    client = http;

    const get = <T>(path: string, input: unknown, cookie: string) =>
      http
        .call("GET", `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { cookie })
        .then((a) => trpcAnswer<T>(a));
    const post = <T>(path: string, input: unknown, cookie: string) =>
      http
        .call(
          "POST",
          `/trpc/${path}`,
          { cookie, "content-type": "application/json" },
          JSON.stringify(input),
        )
        .then((a) => trpcAnswer<T>(a));

    // The days: those the first family sees open, in the first month that has some.
    const first = families[0];
    if (!first) return { done: false, reason: "aucune famille", ms: ms() };
    let month = "";
    let days: string[] = [];
    for (let k = 0; k < MONTHS_AHEAD && days.length === 0; k++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
      month = d.toISOString().slice(0, 7);
      const view = await get<TMonth>(
        "planning.month",
        { householdId: first.householdId, month },
        first.cookie,
      );
      // A month outside the school year has no planning: the next one may.
      if (!view.ok) continue;
      days = view.data.days
        .filter((day) =>
          day.cells.some(
            (cell) =>
              cell.childId === first.childId &&
              cell.activityId === activity.id &&
              cell.state === "available",
          ),
        )
        .map((day) => day.date)
        .slice(0, 5);
    }
    if (days.length === 0) {
      return { done: false, reason: "aucun jour de vacances ouvert aux réservations", ms: ms() };
    }

    let paid = 0;
    let full = 0;
    const one = async (f: (typeof families)[number]): Promise<void> => {
      const view = await get<TMonth>(
        "planning.month",
        { householdId: f.householdId, month },
        f.cookie,
      );
      if (!view.ok) throw new Error(`planning : ${view.message}`);
      const set = await post<{ version: number }>(
        "basket.setDays",
        {
          householdId: f.householdId,
          version: view.data.basket.version,
          changes: days.map((date) => ({
            childId: f.childId,
            activityId: activity.id,
            date,
            want: true,
          })),
        },
        f.cookie,
      );
      if (!set.ok) {
        // Only « complet » is expected; anything else is the warm-up's failure, said as such.
        if (!set.message.includes("complet")) throw new Error(`valider : ${set.message}`);
        full++;
        return;
      }
      const recap = await get<{ basketId: number; version: number }>(
        "basket.get",
        { householdId: f.householdId },
        f.cookie,
      );
      if (!recap.ok) throw new Error(`récapitulatif : ${recap.message}`);
      const start = await post<{ status: string; paymentId: number; url?: string }>(
        "payment.start",
        { householdId: f.householdId, basketId: recap.data.basketId, version: recap.data.version },
        f.cookie,
      );
      if (!start.ok) throw new Error(`payer : ${start.message}`);
      const idop = new URL(start.data.url ?? "", origin).searchParams.get("idop") ?? "";
      const form = simulatorPaymentForm(
        idop,
        undefined,
        `12/${String((year + 3) % 100).padStart(2, "0")}`,
      );
      const pay = await http.call(
        "POST",
        new URL(simulated.paymentPage).pathname,
        { "content-type": "application/x-www-form-urlencoded" },
        form,
      );
      if (pay.status !== 303) throw new Error(`simulateur : HTTP ${pay.status}`);
      const status = await get<{ status: string }>(
        "payment.status",
        { householdId: f.householdId, paymentId: start.data.paymentId },
        f.cookie,
      );
      if (!status.ok || status.data.status !== "paid") {
        throw new Error(`retour : ${status.ok ? status.data.status : status.message}`);
      }
      paid++;
    };
    // The first failure stops the others once their family is through: nothing is left running
    // when the database closes.
    let next = 0;
    let failure: unknown = null;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < families.length && failure === null && !control.stopped) {
          const f = families[next++];
          if (f) await one(f).catch((error: unknown) => (failure ??= error));
        }
      }),
    );
    if (failure !== null) throw failure;
    if (control.stopped) return { done: false, reason: "arrêt du serveur", ms: ms() };
    return { done: true, paid, full, ms: ms() };
  } catch (error) {
    return {
      done: false,
      reason: error instanceof Error ? error.message : String(error),
      ms: ms(),
    };
  } finally {
    await simulator?.control.settled();
    client?.close();
    const open = server;
    if (open) {
      await new Promise<void>((ok) => {
        open.close(() => ok());
        open.closeAllConnections();
      });
    }
    opened?.$client.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
