/**
 * pnpm bench:rush — the opening rush of the accueils de loisirs.
 *
 * Builds a temporary town of 2,000 households (one child in CE2 each, registered to the
 * "Vacances — élémentaires"), limits the places of a vacation week well below demand, starts the
 * real server on it (NODE_ENV=production, PayFiP simulator), logs every family in beforehand,
 * then at the opening sends the 2,000 families within 10 seconds, each doing what the parent app
 * does: month planning → 5 days in the panier → récapitulatif → "Payer" → the simulator pays →
 * back to the portal. Then, server stopped, it counts overbooked days, payments without a booking
 * and pending payments, and replays the same booking transactions directly on a copy of the
 * database as it was before the opening (no HTTP): the floor — applyChanges, startBasketPayment
 * and the paid settlement (checkPayment), with PayFiP answering in memory.
 *
 * Settings: RUSH_FAMILIES (2000), RUSH_SPREAD_MS (10000), RUSH_PLACES (120),
 * RUSH_PIN=0 (the bench and the simulator run on every core, as the server; by default they keep
 * to the last one once the server is started), RUSH_SERVER_CPU=<share of a core> (e.g. 0.5: the
 * server limited to half a core once started, a slower machine on demand; root and cgroups),
 * RUSH_CPU_PROF=<dir> (the server writes a V8 CPU profile there), RUSH_LOOK_BEFORE=0 (the families
 * do not look at the planning before the opening: the server meets the rush with cold code), RUSH_KEEP=1 (keep the
 * temporary folder), RUSH_WARM=<n> (families paying days of a later week before the opening, 40;
 * 0: the rush's payments meet cold code), RUSH_PAYFIP=interne (the server serves the PayFiP simulator itself; by
 * default the simulator runs in a process of its own, bench/payfip-host.ts, as PayFiP is an
 * outside service),
 * RUSH_NODE_FLAGS (the server's node flags, `--max-semi-space-size=32 --no-flush-bytecode` as `pnpm start`),
 * WARMUP_FLOWS (passed to the server: its own warm-up as it starts, 600 in production; 0: none —
 * the opening waits for the warm-up's end).
 * Exit code 0 even when targets are missed; 1 when the harness itself failed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { Agent, type IncomingHttpHeaders, request } from "node:http";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { hashPassword } from "@ef/auth";
import { addDays, canChange, dayOffer, parisDay } from "@ef/core";
import { activities, migrate, openDb, type TDb } from "@ef/db";
import { seedDemo } from "@ef/db/seed";
import { simulatorPaymentForm, type TPayfipClient, type TPaymentInput } from "@ef/payfip";
import { eq } from "drizzle-orm";
import {
  applyChanges,
  type TActor,
  type THouseholdForBooking,
} from "../../../packages/api/src/booking/basket-service";
import { activityRules, seasonCalendar } from "../../../packages/api/src/booking/catalogue";
import { usedInRange } from "../../../packages/api/src/booking/counts";
import {
  checkPayment,
  startBasketPayment,
  type TPayfipService,
} from "../../../packages/api/src/payment/service";
import { addFamilies, HOLIDAY_ACTIVITY_CODE, holidayActivity } from "../src/families";
import { LOG_BATCH_MS } from "../src/log";

const FAMILIES = Number(process.env.RUSH_FAMILIES ?? 2000);
const SPREAD_MS = Number(process.env.RUSH_SPREAD_MS ?? 10_000);
const PLACES = Number(process.env.RUSH_PLACES ?? 120);
const DAYS_WANTED = 5;
const WARM_FAMILIES = Number(process.env.RUSH_WARM ?? 40);
const LOGIN_CONCURRENCY = 4;
const GIVE_UP_MS = 120_000;
const REQUEST_TIMEOUT_MS = 60_000;
const PASSWORD = "Rush-Ouverture-2026";
const ACTIVITY_CODE = HOLIDAY_ACTIVITY_CODE;
const STEPS = ["planning", "setDays", "récapitulatif", "payer", "simulateur", "retour"] as const;
type TStep = (typeof STEPS)[number];

const TARGET_P99_MS = 300;
const TARGET_RUSH_S = 30;

const serverDir = resolve(import.meta.dirname, "..");

// --- Small helpers -------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, Math.max(0, ms)));

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    max: s[s.length - 1] ?? Number.NaN,
  };
}

const fmt = (ms: number) => (Number.isNaN(ms) ? "—" : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const mark = (ok: boolean) => (ok ? "✓" : "✗");

/**
 * A process and its children (the server's workers), as listed by the last {@link listProcesses}:
 * the samplers read the same list during the rush instead of scanning `/proc` every tenth of a
 * second (a scan took the bench ~1 ms of CPU, in the second when the machine is fullest).
 */
function processesOf(pid: number): number[] {
  return listed.get(pid) ?? listProcesses(pid);
}
const listed = new Map<number, number[]>();

/** Lists a process and its children again (once its workers are up). */
function listProcesses(pid: number): number[] {
  const pids = [pid];
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      if (statOf(Number(entry))?.[1] === String(pid)) pids.push(Number(entry));
    }
  } catch {
    // not Linux
  }
  listed.set(pid, pids);
  return pids;
}

/**
 * A process's `/proc/<pid>/stat` fields after the command name (or a thread's: `<pid>/task/<tid>`);
 * null when gone or off Linux.
 */
function statOf(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system, every thread) a process and its children (the server's workers)
 * have used so far; null off Linux.
 */
function cpuSecondsOf(pid: number | undefined): number | null {
  return cpuSplitOf(pid)?.total ?? null;
}

/** The same, with the part spent in the kernel (system calls, the network stack). */
function cpuSplitOf(
  pid: number | undefined,
): { total: number; system: number; faults: number; main: number | null } | null {
  if (!pid) return null;
  const own = statOf(pid);
  if (!own) return null;
  const pids = processesOf(pid);
  let user = 0;
  let system = 0;
  let faults = 0;
  for (const p of pids) {
    const fields = p === pid ? own : statOf(p);
    if (fields) {
      faults += Number(fields[7]) + Number(fields[9]);
      user += Number(fields[11]);
      system += Number(fields[12]);
    }
  }
  // The process's own thread, where JavaScript runs (the rest: libuv's pool, helper threads).
  const thread = statOf(`${pid}/task/${pid}`);
  const main = thread ? (Number(thread[11]) + Number(thread[12])) / 100 : null;
  return Number.isFinite(user + system + faults)
    ? { total: (user + system) / 100, system: system / 100, faults, main }
    : null;
}

/**
 * The time a process's own thread (where the server's JavaScript runs) has spent on a core, and
 * ready to run but waiting for one, so far, in ms (`/proc/<pid>/task/<pid>/schedstat`); null off
 * Linux.
 */
function scheduleOf(pid: number | undefined): { ran: number; waited: number } | null {
  if (!pid) return null;
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8")
      .split(" ")
      .map(Number);
    return ran !== undefined && waited !== undefined && Number.isFinite(ran + waited)
      ? { ran: ran / 1e6, waited: waited / 1e6 }
      : null;
  } catch {
    return null;
  }
}

/**
 * The phones and PayFiP are not on the server's machine; here they share its cores. Unless
 * RUSH_PIN=0, the bench (its client, every thread) and the simulator keep to the last core once
 * the server is started, and the server keeps every core: there is always one its load
 * generators do not take (in production it would have them all). Says what it did.
 */
function pinHarness(pids: (number | undefined)[]): string {
  const cores = cpus().length;
  if (process.env.RUSH_PIN === "0" || cores < 2)
    return "Banc d'essai et simulateur sur tous les cœurs, comme le serveur";
  const last = String(cores - 1);
  try {
    for (const pid of pids)
      if (pid) execFileSync("taskset", ["-a", "-p", "-c", last, String(pid)], { stdio: "ignore" });
  } catch (error) {
    return `Banc d'essai et simulateur : taskset a échoué, ils restent où ils sont (${String(error)})`;
  }
  return `Banc d'essai et simulateur PayFiP sur le cœur ${last}, le serveur sur les ${cores} (RUSH_PIN=0 : tous sur tous)`;
}

/**
 * RUSH_SERVER_CPU=<share of a core>, e.g. 0.5: once started (its own warm-up then runs under
 * the limit too), the server runs in a CPU cgroup of its own, limited to that share of one core in every 10 ms — a slower
 * machine on demand, so that the margin of the targets can be measured at any hour (the
 * machine's own speed varies 2–3× from hour to hour). Needs root and a cgroup `cpu` controller
 * (v2 or v1); otherwise says so and leaves the server as it is. `release` removes the cgroup
 * once the server has stopped.
 */
function limitServerCpu(pids: number[]): { message: string | null; release: () => void } {
  const setting = process.env.RUSH_SERVER_CPU;
  const none = { message: null, release: () => {} };
  if (!setting) return none;
  const share = Number(setting);
  if (!(share > 0 && share <= cpus().length))
    return {
      ...none,
      message: `RUSH_SERVER_CPU=${setting} ignoré : une part de cœur est attendue (0.5 : un demi-cœur)`,
    };
  const period = 10_000;
  const quota = Math.round(share * period);
  let v2 = false;
  try {
    v2 = readFileSync("/sys/fs/cgroup/cgroup.controllers", "utf8").split(/\s+/).includes("cpu");
  } catch {
    // No unified hierarchy here: the v1 `cpu` controller, if any.
  }
  const dir = join(v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/cpu", `ef-rush-${process.pid}`);
  try {
    mkdirSync(dir);
    if (v2) writeFileSync(join(dir, "cpu.max"), `${quota} ${period}`);
    else {
      writeFileSync(join(dir, "cpu.cfs_period_us"), String(period));
      writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quota));
    }
    for (const pid of pids) writeFileSync(join(dir, "cgroup.procs"), String(pid));
  } catch (error) {
    removeCgroup(dir);
    return {
      ...none,
      message: `RUSH_SERVER_CPU : pas de cgroup CPU ici, le serveur garde toute la machine (${String(error)})`,
    };
  }
  return {
    message: `Serveur limité à ${share} cœur (${quota / 1000} ms toutes les ${period / 1000} ms, cgroup ${dir}) : une machine plus lente, à la demande`,
    release: () => removeCgroup(dir),
  };
}

function removeCgroup(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Still busy or already gone: an empty cgroup left behind is harmless.
  }
}

/** CPU seconds the whole machine has been busy so far (every core); null off Linux. */
function machineBusySeconds(): number | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
      (a, b) => a + (b ?? 0),
      0,
    );
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** What a failed step says, classified. */
class StepError extends Error {
  constructor(
    readonly step: TStep | "login",
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

// --- The town ------------------------------------------------------------------------------------

type TFamily = {
  index: number;
  login: string;
  householdId: number;
  userId: number;
  childId: number;
  household: THouseholdForBooking;
  cookie: string;
};

type TTown = {
  activityId: number;
  days: string[];
  /** Days of a later holiday period, booked and paid by a few families before the opening. */
  warmDays: string[];
  families: TFamily[];
};

/** The first `DAYS_WANTED` days of one school-holiday period still open to changes now. */
function chooseDays(db: TDb, activityId: number, now: Date, skipPeriods = 0): string[] {
  const rules = activityRules(db, [activityId]).get(activityId);
  if (!rules?.dayKind) throw new Error(`${ACTIVITY_CODE} : activité introuvable ou sans jours.`);
  const calendar = seasonCalendar(db, rules.seasonId);
  if (!calendar) throw new Error("Pas de calendrier pour la saison.");
  const margin = new Date(now.getTime() + 60 * 60_000); // still open in an hour
  const holidays = calendar.periods
    .filter((p) => p.kind === "school_holiday")
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let skipped = 0;
  for (const period of holidays) {
    const days: string[] = [];
    for (let d = period.startsOn; d <= period.endsOn; d = addDays(d, 1)) {
      const offer = dayOffer(calendar, { dayKind: rules.dayKind, weekdays: rules.weekdays }, d);
      if (offer.offered && canChange(rules.deadline, d, margin)) days.push(d);
      if (days.length === DAYS_WANTED) break;
    }
    if (days.length === DAYS_WANTED && skipped++ === skipPeriods) return days;
  }
  throw new Error("Aucune période de vacances n'a encore 5 jours ouverts aux réservations.");
}

async function buildTown(dbPath: string, dataDir: string): Promise<TTown> {
  const now = new Date();
  const db = openDb(dbPath);
  migrate(db);
  await seedDemo(db, { dataDir, now });
  const hash = await hashPassword(PASSWORD);

  const activity = holidayActivity(db);
  if (!activity) throw new Error(`Activité ${ACTIVITY_CODE} introuvable dans la démo.`);
  // 8 years old all through the school year: CE2.
  const families: TFamily[] = addFamilies(db, activity, FAMILIES, {
    prefix: "R",
    name: (i) => `Famille Rush ${i + 1}`,
    lastName: "Rush",
    emailDomain: "example.fr",
    passwordHash: hash,
    birthDate: "2018-05-15",
    now,
  }).map((f) => ({
    index: f.index,
    login: f.code,
    householdId: f.householdId,
    userId: f.userId,
    childId: f.childId,
    household: { id: f.householdId, name: f.name, email: f.email, qf: f.qf, resident: true },
    cookie: "",
  }));
  // Fewer places than demand: every family wants the same days.
  db.update(activities).set({ capacity: PLACES }).where(eq(activities.id, activity.id)).run();
  const days = chooseDays(db, activity.id, now);
  const warmDays = chooseDays(db, activity.id, now, 1);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  return { activityId: activity.id, days, warmDays, families };
}

// --- HTTP ----------------------------------------------------------------------------------------

type THttpAnswer = { status: number; headers: IncomingHttpHeaders; body: string };

/** One exchange as the phone saw it: on a connection already open, or on a new one. */
type TExchange = { reused: boolean; ms: number };

function createHttp(port: number, agent: Agent, exchanges?: { list: TExchange[] | null }) {
  const origin = `http://127.0.0.1:${port}`;
  function call(
    method: "GET" | "POST",
    path: string,
    body: string | null,
    headers: Record<string, string>,
  ): Promise<THttpAnswer> {
    return new Promise((ok, fail) => {
      const t0 = performance.now();
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method,
          path,
          agent,
          headers:
            body === null ? headers : { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            exchanges?.list?.push({ reused: req.reusedSocket, ms: performance.now() - t0 });
            ok({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            });
          });
          res.on("error", fail);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error(`pas de réponse en ${REQUEST_TIMEOUT_MS / 1000} s`)),
      );
      req.on("error", fail);
      req.end(body ?? undefined);
    });
  }
  return { origin, call };
}

type TTrpcAnswer<T> =
  | { ok: true; data: T; headers: IncomingHttpHeaders }
  | { ok: false; status: number; message: string; code: string; appCode: string | null };

function trpcAnswer<T>(answer: THttpAnswer): TTrpcAnswer<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return {
      ok: false,
      status: answer.status,
      message: answer.body.slice(0, 200),
      code: `HTTP ${answer.status}`,
      appCode: null,
    };
  }
  const j = json as {
    result?: { data: T };
    error?: { message?: string; data?: { code?: string; appCode?: string | null } };
  };
  if (j.result) return { ok: true, data: j.result.data, headers: answer.headers };
  return {
    ok: false,
    status: answer.status,
    message: j.error?.message ?? answer.body.slice(0, 200),
    code: j.error?.data?.code ?? `HTTP ${answer.status}`,
    appCode: j.error?.data?.appCode ?? null,
  };
}

type TClient = ReturnType<typeof createClient>;

function createClient(port: number, agent: Agent, exchanges?: { list: TExchange[] | null }) {
  const http = createHttp(port, agent, exchanges);
  return {
    origin: http.origin,
    call: http.call,
    async query<T>(path: string, input: unknown, cookie: string): Promise<TTrpcAnswer<T>> {
      const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const headers: Record<string, string> = { accept: "application/json" };
      if (cookie) headers.cookie = cookie;
      return trpcAnswer<T>(await http.call("GET", `/trpc/${path}${qs}`, null, headers));
    },
    async mutation<T>(path: string, input: unknown, cookie: string): Promise<TTrpcAnswer<T>> {
      const headers: Record<string, string> = {
        accept: "application/json",
        "content-type": "application/json",
        origin: http.origin,
      };
      if (cookie) headers.cookie = cookie;
      return trpcAnswer<T>(
        await http.call("POST", `/trpc/${path}`, JSON.stringify(input), headers),
      );
    },
  };
}

// --- The server ----------------------------------------------------------------------------------

type TServer = {
  child: ChildProcess;
  port: number;
  url: string;
  errors: { count: number; samples: string[] };
  warnings: { count: number; samples: string[] };
  requests: number;
  /** While set, the server's own time per request (its log's `ms`), by path. */
  serverMs: Map<string, number[]> | null;
  stderr: string[];
  exited: Promise<number | null>;
  exitedEarly(): boolean;
  /** The server's log line that ends its warm-up (`warmup.done` or `warmup.skipped`). */
  warmedUp: Promise<string>;
};

async function startServer(
  dbPath: string,
  dataDir: string,
  cpuProfDir: string | null,
  externalPayfip: string | null,
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SEED_DEMO: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    DATABASE_PATH: dbPath,
    DATA_DIR: dataDir,
    PAYFIP_MODE: "simulator",
  };
  if (externalPayfip) {
    // The simulator as an outside service, like the real PayFiP.
    env.PAYFIP_MODE = "production";
    env.PAYFIP_NUMCLI = "123456";
    env.PAYFIP_SAISIE = "T";
    env.PAYFIP_ENDPOINT = `${externalPayfip}/payfip-simulator/ws`;
    env.PAYFIP_PAGE_URL = `${externalPayfip}/payfip-simulator/paiement`;
  }
  delete env.APP_NOW;
  delete env.SMTP_URL;
  delete env.TRUST_PROXY;
  // As `pnpm start` runs it (apps/server/package.json): a larger young generation.
  const args = [
    ...(process.env.RUSH_NODE_FLAGS ?? "--max-semi-space-size=32 --no-flush-bytecode").split(" "),
    "--import",
    "tsx",
  ];
  if (cpuProfDir) args.push("--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`);
  args.push("src/main.ts");
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stopping = false;
  let warmed: (line: string) => void = () => {};
  const server: TServer = {
    child,
    port,
    url,
    errors: { count: 0, samples: [] },
    warnings: { count: 0, samples: [] },
    requests: 0,
    serverMs: null,
    stderr: [],
    exited: once(child, "exit").then(([code]) => code as number | null),
    exitedEarly: () => !stopping && child.exitCode !== null,
    warmedUp: new Promise<string>((ok) => {
      warmed = ok;
    }),
  };
  // The server logs one JSON line per request: counted, errors and warnings kept as samples.
  let pending = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    const text = pending + chunk;
    const lines = text.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.includes('"msg":"warmup.')) warmed(line);
      if (line.includes('"msg":"request"')) {
        server.requests++;
        if (server.serverMs) {
          try {
            const entry = JSON.parse(line) as { path?: string; ms?: number };
            const list = server.serverMs.get(entry.path ?? "?") ?? [];
            list.push(entry.ms ?? 0);
            server.serverMs.set(entry.path ?? "?", list);
          } catch {
            // not a log line of ours
          }
        }
      } else if (line.includes('"level":"error"')) {
        server.errors.count++;
        if (server.errors.samples.length < 5) server.errors.samples.push(line.slice(0, 400));
      } else if (line.includes('"level":"warn"')) {
        server.warnings.count++;
        if (server.warnings.samples.length < 5) server.warnings.samples.push(line.slice(0, 400));
      }
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    server.stderr.push(chunk);
    if (server.stderr.length > 50) server.stderr.shift();
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await server.exited;
    clearTimeout(killer);
    return code;
  };
  return { server, stop };
}

async function waitHealthy(client: TClient, server: TServer): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (server.exitedEarly()) {
      throw new Error(`Le serveur s'est arrêté au démarrage :\n${server.stderr.join("")}`);
    }
    try {
      const answer = await client.call("GET", "/healthz", null, {});
      if (answer.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`Le serveur ne répond pas sur /healthz :\n${server.stderr.join("")}`);
}

// --- Logging in ----------------------------------------------------------------------------------

async function logEveryoneIn(client: TClient, families: TFamily[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < families.length) {
      const f = families[next++];
      if (!f) return;
      const login = await client.mutation<{ role: string }>(
        "auth.login",
        { login: f.login, password: PASSWORD, audience: "parent" },
        "",
      );
      if (!login.ok) throw new Error(`Connexion de ${f.login} refusée : ${login.message}`);
      const setCookie = login.headers["set-cookie"] ?? [];
      const session = setCookie
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => c.startsWith("__Host-ef_session="));
      if (!session) throw new Error(`Pas de cookie __Host-ef_session pour ${f.login}.`);
      f.cookie = session;
      const me = await client.query<{ householdId: number | null } | null>(
        "auth.me",
        undefined,
        f.cookie,
      );
      if (!me.ok || me.data?.householdId !== f.householdId) {
        throw new Error(`auth.me ne donne pas le foyer de ${f.login}.`);
      }
    }
  };
  await Promise.all(Array.from({ length: LOGIN_CONCURRENCY }, worker));
}

/** Every family opens the month planning once before the opening, as they wait for it. */
async function lookBeforeOpening(client: TClient, town: TTown): Promise<number> {
  const month = (town.days[0] ?? "").slice(0, 7);
  let next = 0;
  let seen = 0;
  const worker = async () => {
    while (next < town.families.length) {
      const f = town.families[next++];
      if (!f) return;
      const answer = await client.query<TMonth>(
        "planning.month",
        { householdId: f.householdId, month },
        f.cookie,
      );
      if (!answer.ok) throw new Error(`Planning de ${f.login} refusé : ${answer.message}`);
      seen++;
    }
  };
  await Promise.all(Array.from({ length: LOGIN_CONCURRENCY }, worker));
  return seen;
}

// --- One family, through HTTP --------------------------------------------------------------------

type TMonth = {
  children: { id: number }[];
  days: {
    date: string;
    cells: { childId: number; activityId: number; state: string; placesLeft: number | null }[];
  }[];
  basket: { id: number | null; version: number };
};

type TOutcome = { kind: "paid" } | { kind: "complet" } | { kind: "error"; error: StepError };

type TResults = {
  steps: Record<TStep, number[]>;
  familyPaid: number[];
  familyComplet: number[];
  familyAll: number[];
  errors: Map<string, { count: number; sample: string }>;
  paid: number;
  complet: number;
  failed: number;
  done: number;
  lastDoneAt: number;
  /** Every request's start (ms since the opening) and duration, for the per-second timeline. */
  timeline: { at: number; ms: number; step: TStep }[];
  opening: number;
};

function newResults(): TResults {
  return {
    steps: Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<TStep, number[]>,
    familyPaid: [],
    familyComplet: [],
    familyAll: [],
    errors: new Map(),
    paid: 0,
    complet: 0,
    failed: 0,
    done: 0,
    lastDoneAt: 0,
    timeline: [],
    opening: 0,
  };
}

function recordError(results: TResults, kind: string, message: string): void {
  const e = results.errors.get(kind) ?? { count: 0, sample: message };
  e.count++;
  results.errors.set(kind, e);
}

async function runFamily(
  client: TClient,
  town: TTown,
  f: TFamily,
  results: TResults,
  pay: (form: string) => Promise<THttpAnswer>,
): Promise<TOutcome> {
  const timed = async <T>(step: TStep, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      results.steps[step].push(performance.now() - t);
      results.timeline.push({ at: t - results.opening, ms: performance.now() - t, step });
    }
  };
  const fail = (step: TStep, a: { code: string; appCode: string | null; message: string }) =>
    new StepError(step, `${step} : ${a.appCode ?? a.code}`, a.message);
  const months = [...new Set(town.days.map((d) => d.slice(0, 7)))];

  /** The month planning(s) of the wanted days: the days still showing places, and the panier. */
  const planning = async () => {
    let version = 0;
    const open: string[] = [];
    for (const month of months) {
      const answer = await timed("planning", () =>
        client.query<TMonth>("planning.month", { householdId: f.householdId, month }, f.cookie),
      );
      if (!answer.ok) throw fail("planning", answer);
      if (!answer.data.children.some((c) => c.id === f.childId)) {
        throw new StepError("planning", "planning : enfant absent", "L'enfant n'est pas listé.");
      }
      version = answer.data.basket.version;
      for (const day of answer.data.days) {
        if (!town.days.includes(day.date)) continue;
        const cell = day.cells.find(
          (c) => c.childId === f.childId && c.activityId === town.activityId,
        );
        if (cell?.state === "available") open.push(day.date);
      }
    }
    return { version, open };
  };

  try {
    let view = await planning();
    let days = town.days.filter((d) => view.open.includes(d));
    if (days.length === 0) return { kind: "complet" };
    let set: { basketId: number | null; version: number } | null = null;
    for (let attempt = 0; attempt <= 2; attempt++) {
      const answer = await timed("setDays", () =>
        client.mutation<{ basketId: number | null; version: number }>(
          "basket.setDays",
          {
            householdId: f.householdId,
            version: view.version,
            changes: days.map((date) => ({
              childId: f.childId,
              activityId: town.activityId,
              date,
              want: true,
            })),
          },
          f.cookie,
        ),
      );
      if (answer.ok) {
        set = answer.data;
        break;
      }
      if (!(answer.code === "CONFLICT" && answer.message.includes("complet"))) {
        throw fail("setDays", answer);
      }
      if (attempt === 2) return { kind: "complet" };
      // As a parent would: the planning again, and only the days still showing places.
      view = await planning();
      days = town.days.filter((d) => view.open.includes(d));
      if (days.length === 0) return { kind: "complet" };
    }
    if (!set) return { kind: "complet" };

    const recap = await timed("récapitulatif", () =>
      client.query<{ basketId: number | null; version: number; addedCents: number }>(
        "basket.get",
        { householdId: f.householdId },
        f.cookie,
      ),
    );
    if (!recap.ok) throw fail("récapitulatif", recap);
    if (recap.data.basketId === null || recap.data.addedCents <= 0) {
      throw new StepError("récapitulatif", "récapitulatif : vide", JSON.stringify(recap.data));
    }

    const start = await timed("payer", () =>
      client.mutation<{ status: "redirect" | "paid"; paymentId: number; url?: string }>(
        "payment.start",
        {
          householdId: f.householdId,
          basketId: recap.data.basketId,
          version: recap.data.version,
        },
        f.cookie,
      ),
    );
    if (!start.ok) {
      if (start.message.includes("complet")) return { kind: "complet" };
      throw fail("payer", start);
    }
    const paymentId = start.data.paymentId;
    if (start.data.status === "redirect") {
      const idop = new URL(start.data.url ?? "", client.origin).searchParams.get("idop") ?? "";
      const paid = await timed("simulateur", () => pay(simulatorPaymentForm(idop)));
      if (paid.status !== 303) {
        throw new StepError(
          "simulateur",
          `simulateur : HTTP ${paid.status}`,
          paid.body
            .replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ")
            .slice(0, 200),
        );
      }
    }

    const back = performance.now();
    const backDone = () => {
      results.steps.retour.push(performance.now() - back);
      results.timeline.push({
        at: back - results.opening,
        ms: performance.now() - back,
        step: "retour",
      });
    };
    let status = "pending";
    for (let poll = 0; poll < 100 && status === "pending"; poll++) {
      if (poll > 0) await sleep(100);
      const answer = await client.query<{ status: string; message: string }>(
        "payment.status",
        { householdId: f.householdId, paymentId },
        f.cookie,
      );
      if (!answer.ok) {
        backDone();
        throw fail("retour", answer);
      }
      status = answer.data.status;
    }
    backDone();
    if (status !== "paid") {
      throw new StepError("retour", `retour : paiement ${status}`, `Paiement ${status}.`);
    }
    return { kind: "paid" };
  } catch (error) {
    if (error instanceof StepError) return { kind: "error", error };
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: "error",
      error: new StepError("planning", `réseau : ${message.slice(0, 60)}`, message),
    };
  }
}

// --- The floor: the same booking transactions, no HTTP --------------------------------------------

/** PayFiP answering at once, in memory: every payment is paid by card. */
function inMemoryPayfip(): TPayfipService {
  const created = new Map<string, TPaymentInput>();
  let n = 0;
  const client: TPayfipClient = {
    async creerPaiementSecurise(input) {
      const idOp = `floor${String(++n).padStart(12, "0")}`;
      created.set(idOp, input);
      return { idOp };
    },
    async recupererDetailPaiementSecurise(idOp) {
      const input = created.get(idOp);
      if (!input) return { status: "unknown_op" };
      return {
        status: "paid",
        detail: {
          idOp,
          numcli: "000000",
          exer: String(input.exer),
          refdet: input.refdet,
          montant: input.montant,
          mel: input.mel,
          objet: input.objet,
          saisie: "T",
          resultrans: "P",
          numauto: "123456",
          dattrans: "01012027",
          heurtrans: "0800",
        },
      };
    },
  };
  return { client, pageUrl: (idOp) => `http://floor.invalid/paiement?idop=${idOp}` };
}

const isFull = (error: unknown) => {
  const cause = (error as { cause?: { appCode?: string } }).cause;
  return cause?.appCode === "FULL";
};

async function runFloor(dbPath: string, town: TTown) {
  const db = openDb(dbPath);
  const payfip = inMemoryPayfip();
  const publicUrl = "http://floor.invalid";
  const capacity = activityRules(db, [town.activityId]).get(town.activityId)?.capacity ?? 0;
  const first = town.days[0] ?? "";
  const last = town.days[town.days.length - 1] ?? first;
  let paid = 0;
  let complet = 0;
  const errors = new Map<string, number>();
  const started = performance.now();
  for (const f of town.families) {
    const actor: TActor = { userId: f.userId, isStaff: false };
    try {
      let days = town.days;
      let out: { basketId: number; version: number } | null = null;
      for (let attempt = 0; attempt <= 2 && days.length > 0; attempt++) {
        try {
          out = applyChanges(db, {
            household: f.household,
            expectedVersion: 0,
            changes: days.map((date) => ({
              childId: f.childId,
              activityId: town.activityId,
              date,
              want: true,
            })),
            now: new Date(),
            actor,
          });
          break;
        } catch (error) {
          if (!isFull(error)) throw error;
          // The days still showing places, as the planning counts them.
          const used = usedInRange(db, town.activityId, first, last, new Date());
          days = days.filter((d) => capacity - (used.get(d) ?? 0) > 0);
        }
      }
      if (!out) {
        complet++;
        continue;
      }
      const start = await startBasketPayment(db, payfip, {
        household: f.household,
        basketId: out.basketId,
        version: out.version,
        now: new Date(),
        actor,
        publicUrl,
      });
      const status =
        start.status === "paid"
          ? "paid"
          : await checkPayment(db, payfip, start.paymentId, () => new Date(), publicUrl);
      if (status === "paid") paid++;
      else errors.set(`paiement ${status}`, (errors.get(`paiement ${status}`) ?? 0) + 1);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const key = message.slice(0, 80);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const checks = countDamage(db);
  db.$client.close();
  return { seconds, paid, complet, errors, checks };
}

// --- What the database says ---------------------------------------------------------------------

function countDamage(db: TDb) {
  const c = db.$client;
  const overbooked = c
    .prepare(
      `select r.activity_id as activityId, r.date as date, count(*) as n, a.capacity as capacity
         from reservations r join activities a on a.id = r.activity_id
        where r.status = 'booked' and a.capacity is not null
        group by r.activity_id, r.date
       having count(*) > a.capacity`,
    )
    .all() as { activityId: number; date: string; n: number; capacity: number }[];
  const one = (sql: string) => (c.prepare(sql).get() as { n: number }).n;
  return {
    overbooked,
    paidWithoutBooking: one(
      `select count(*) as n from payments p
        where p.status = 'paid' and p.needs_refund = 0
          and not exists (select 1 from reservations r where r.payment_id = p.id)
          and not exists (select 1 from registrations g where g.payment_id = p.id)`,
    ),
    pending: one(`select count(*) as n from payments where status = 'pending'`),
    paid: one(`select count(*) as n from payments where status = 'paid'`),
    needsRefund: one(`select count(*) as n from payments where needs_refund = 1`),
    booked: one(
      `select count(*) as n from reservations where status = 'booked' and payment_id is not null`,
    ),
    tickets: one(`select count(*) as n from mail_outbox where kind = 'payment_ticket'`),
    perDay: c
      .prepare(
        `select date, count(*) as n from reservations
          where status = 'booked' and payment_id is not null group by date order by date`,
      )
      .all() as { date: string; n: number }[],
  };
}

// --- Main ----------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "ef-rush-"));
  const dbPath = join(dir, "rush.db");
  const floorPath = join(dir, "floor.db");
  const dataDir = join(dir, "data");
  const cpuProfDir = process.env.RUSH_CPU_PROF ? resolve(process.env.RUSH_CPU_PROF) : null;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const out = (line = "") => process.stdout.write(`${line}\n`);

  let stopServer: (() => Promise<number | null>) | null = null;
  let releaseServerCpu = () => {};
  const externalPayfip = process.env.RUSH_PAYFIP !== "interne";
  let simulatorHost: ChildProcess | null = null;
  let payfipPort: number | null = null;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  // During the rush: every exchange, and whether its connection was already open.
  const exchanges: { list: TExchange[] | null } = { list: null };
  try {
    out(
      `Machine : ${cpus().length} cœurs, ${cpus()[0]?.model ?? "?"}, Node ${process.version}, ${parisDay(new Date())}`,
    );
    let t = performance.now();
    const town = await buildTown(dbPath, dataDir);
    copyFileSync(dbPath, floorPath);
    out(
      `Ville construite en ${((performance.now() - t) / 1000).toFixed(1)} s : ${FAMILIES} foyers + la démo ; ` +
        `${PLACES} places par jour sur ${town.days.join(", ")} (demande : ${FAMILIES} enfants × ${town.days.length} jours)`,
    );

    let payfipUrl: string | null = null;
    if (externalPayfip) {
      const host = spawn(process.execPath, ["--import", "tsx", "bench/payfip-host.ts"], {
        cwd: serverDir,
        stdio: ["ignore", "pipe", "inherit"],
      });
      simulatorHost = host;
      if (!host.stdout) throw new Error("Le simulateur PayFiP n'a pas de sortie à lire.");
      const [first] = (await once(host.stdout, "data")) as [Buffer];
      payfipPort = Number.parseInt(String(first), 10);
      if (!Number.isInteger(payfipPort) || payfipPort <= 0)
        throw new Error(`Le simulateur PayFiP n'a pas démarré : ${String(first)}`);
      payfipUrl = `http://127.0.0.1:${payfipPort}`;
    }
    const started = await startServer(dbPath, dataDir, cpuProfDir, payfipUrl);
    stopServer = started.stop;
    const server = started.server;
    out(pinHarness([process.pid, simulatorHost?.pid]));
    // Never pid 0: written to cgroup.procs, it would move the bench itself.
    const limited = limitServerCpu(server.child.pid ? listProcesses(server.child.pid) : []);
    releaseServerCpu = limited.release;
    if (limited.message) out(limited.message);
    const client = createClient(server.port, agent, exchanges);
    const payHttp = createHttp(payfipPort ?? server.port, agent, exchanges);
    const pay = (form: string) =>
      payHttp.call("POST", "/payfip-simulator/paiement", form, {
        "content-type": "application/x-www-form-urlencoded",
        origin: payHttp.origin,
      });
    out(
      externalPayfip
        ? `Simulateur PayFiP dans un processus à part, comme un service extérieur : ${payfipUrl}`
        : "Simulateur PayFiP servi par le serveur lui-même (PAYFIP_MODE=simulator)",
    );
    t = performance.now();
    await waitHealthy(client, server);
    out(`Serveur prêt en ${((performance.now() - t) / 1000).toFixed(1)} s sur ${server.url}`);

    t = performance.now();
    await logEveryoneIn(client, town.families);
    const loginSeconds = (performance.now() - t) / 1000;
    out(
      `${FAMILIES} familles connectées avant l'ouverture en ${loginSeconds.toFixed(1)} s ` +
        `(${LOGIN_CONCURRENCY} à la fois, ${(FAMILIES / loginSeconds).toFixed(0)} connexions/s)`,
    );

    if (process.env.RUSH_LOOK_BEFORE !== "0") {
      // Before the opening, families sit on the month planning, waiting: the server has served
      // pages before the rush, as it has on any day (its code is compiled hot, not cold).
      t = performance.now();
      const seen = await lookBeforeOpening(client, town);
      out(
        `${seen} familles ont regardé le planning du mois avant l'ouverture en ${((performance.now() - t) / 1000).toFixed(1)} s ` +
          "(hors mesure ; RUSH_LOOK_BEFORE=0 pour s'en passer)",
      );
    }

    if (WARM_FAMILIES > 0) {
      // On any day before the opening the server takes payments (other weeks, EMS, invoices): a
      // few families book and pay days of a later holiday week, outside the measure. Without it
      // (RUSH_WARM=0) the first payments of the rush also pay for compiling that code.
      t = performance.now();
      const warmCpuBefore = cpuSecondsOf(server.child.pid);
      const warm = newResults();
      const warmTown = { ...town, days: town.warmDays };
      const warmFamilies = town.families.slice(-WARM_FAMILIES);
      let paidBefore = 0;
      for (let i = 0; i < warmFamilies.length; i += LOGIN_CONCURRENCY) {
        const outcomes = await Promise.all(
          warmFamilies
            .slice(i, i + LOGIN_CONCURRENCY)
            .map((f) => runFamily(client, warmTown, f, warm, pay)),
        );
        for (const o of outcomes) {
          if (o.kind === "error")
            throw new Error(`Paiement avant l'ouverture : ${o.error.message}`);
          if (o.kind === "paid") paidBefore++;
        }
      }
      const warmCpuAfter = cpuSecondsOf(server.child.pid);
      const warmCpu =
        warmCpuBefore !== null && warmCpuAfter !== null && paidBefore > 0
          ? `, ${(((warmCpuAfter - warmCpuBefore) * 1000) / paidBefore).toFixed(1)} ms de CPU du serveur par famille payée`
          : "";
      out(
        `${paidBefore} familles ont payé des jours de ${town.warmDays[0]} à ${town.warmDays.at(-1)} avant l'ouverture en ${((performance.now() - t) / 1000).toFixed(1)} s${warmCpu} ` +
          "(hors mesure ; RUSH_WARM=0 pour s'en passer)",
      );
    }

    // The server's own warm-up (WARMUP_FLOWS, on by default in production) runs beside the
    // logins; the opening comes after it, as for a server restarted the night before.
    if (process.env.WARMUP_FLOWS === "0") {
      out("Pas de chauffe du serveur au démarrage (WARMUP_FLOWS=0)");
    } else {
      const line = await Promise.race([server.warmedUp, sleep(120_000).then(() => null)]);
      const w = line ? (JSON.parse(line) as Record<string, unknown>) : null;
      out(
        !w
          ? "Chauffe du serveur au démarrage : pas finie après 2 minutes"
          : w.done
            ? `Chauffe du serveur au démarrage : ${w.paid} familles payées, ${w.full} « complet », en ${(Number(w.ms) / 1000).toFixed(1)} s (WARMUP_FLOWS=0 pour s'en passer)`
            : `Chauffe du serveur au démarrage : abandonnée (${String(w.reason)})`,
      );
    }

    // The opening: one family every SPREAD_MS / FAMILIES ms.
    out(`Ouverture : ${FAMILIES} familles en ${SPREAD_MS / 1000} s…`);
    const results = newResults();
    // The server writes its log a batch at a time: the lines of what came before are in.
    await sleep(LOG_BATCH_MS * 2);
    const requestsBefore = server.requests;
    listProcesses(server.child.pid ?? 0);
    const serverSplitBefore = cpuSplitOf(server.child.pid);
    const serverCpuBefore = serverSplitBefore?.total ?? null;
    // The primary only watches when there are workers: they are what serves.
    const serverProcesses = Math.max(
      1,
      processesOf(server.child.pid ?? 0).filter((p) => {
        try {
          return readFileSync(`/proc/${p}/comm`, "utf8").trim() === "node";
        } catch {
          return false;
        }
      }).length - 1,
    );
    const benchCpuBefore = process.cpuUsage();
    const payfipCpuBefore = cpuSecondsOf(simulatorHost?.pid);
    const machineBefore = machineBusySeconds();
    const loadBefore = loadavg()[0] ?? 0;
    server.serverMs = new Map();
    // The bench's own event loop: a late loop would count its delay in the families' times.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    // The server's CPU second by second (every process), beside the timeline.
    const cpuBySecond: number[] = [];
    let cpuLast = cpuSecondsOf(server.child.pid);
    const cpuSampler = setInterval(() => {
      const nowCpu = cpuSecondsOf(server.child.pid);
      if (nowCpu !== null && cpuLast !== null) cpuBySecond.push(nowCpu - cpuLast);
      cpuLast = nowCpu;
    }, 1000);
    // The first two seconds, tenth by tenth: where the tails are made.
    const cpuByTenth: {
      server: number;
      bench: number;
      payfip: number | null;
      ran: number | null;
      waited: number | null;
    }[] = [];
    let tenthLast = {
      server: cpuSecondsOf(server.child.pid),
      bench: process.cpuUsage(),
      payfip: cpuSecondsOf(simulatorHost?.pid),
      main: scheduleOf(server.child.pid),
    };
    const tenthSampler = setInterval(() => {
      const now = {
        server: cpuSecondsOf(server.child.pid),
        bench: process.cpuUsage(),
        payfip: cpuSecondsOf(simulatorHost?.pid),
        main: scheduleOf(server.child.pid),
      };
      const bench = process.cpuUsage(tenthLast.bench);
      const before = tenthLast.main;
      if (now.server !== null && tenthLast.server !== null)
        cpuByTenth.push({
          server: now.server - tenthLast.server,
          bench: (bench.user + bench.system) / 1e6,
          payfip:
            now.payfip !== null && tenthLast.payfip !== null ? now.payfip - tenthLast.payfip : null,
          ran: now.main && before ? now.main.ran - before.ran : null,
          waited: now.main && before ? now.main.waited - before.waited : null,
        });
      tenthLast = now;
      if (cpuByTenth.length >= 20) clearInterval(tenthSampler);
    }, 100);
    const gap = SPREAD_MS / FAMILIES;
    exchanges.list = [];
    const opening = performance.now() + 20;
    results.opening = opening;
    let maxLate = 0;
    const runs: Promise<void>[] = [];
    let harnessError: Error | null = null;
    for (const f of town.families) {
      const at = opening + f.index * gap;
      const wait = at - performance.now();
      if (wait > 1) await sleep(wait);
      const began = performance.now();
      maxLate = Math.max(maxLate, began - at);
      runs.push(
        runFamily(client, town, f, results, pay).then((outcome) => {
          const ms = performance.now() - began;
          results.done++;
          results.lastDoneAt = performance.now();
          results.familyAll.push(ms);
          if (outcome.kind === "paid") {
            results.paid++;
            results.familyPaid.push(ms);
          } else if (outcome.kind === "complet") {
            results.complet++;
            results.familyComplet.push(ms);
          } else {
            results.failed++;
            recordError(results, outcome.error.kind, outcome.error.message);
          }
        }),
      );
      if (server.exitedEarly()) {
        harnessError = new Error(
          `Le serveur s'est arrêté pendant la ruée :\n${server.stderr.join("")}`,
        );
        break;
      }
    }
    const deadline = opening + GIVE_UP_MS;
    const all = Promise.all(runs);
    await Promise.race([all, sleep(deadline - performance.now())]);
    const unfinished = runs.length - results.done;
    if (unfinished > 0) {
      recordError(results, "inachevée", `Pas finie au bout de ${GIVE_UP_MS / 1000} s.`);
      const e = results.errors.get("inachevée");
      if (e) e.count = unfinished;
    }
    const rushSeconds = ((unfinished > 0 ? deadline : results.lastDoneAt) - opening) / 1000;
    await sleep(LOG_BATCH_MS * 2);
    const rushRequests = server.requests - requestsBefore;
    const serverSplitAfter = cpuSplitOf(server.child.pid);
    const serverCpuAfter = serverSplitAfter?.total ?? null;
    const serverMain =
      serverSplitBefore?.main != null && serverSplitAfter?.main != null
        ? serverSplitAfter.main - serverSplitBefore.main
        : null;
    const serverSystem =
      serverSplitBefore && serverSplitAfter
        ? serverSplitAfter.system - serverSplitBefore.system
        : null;
    const serverFaults =
      serverSplitBefore && serverSplitAfter
        ? serverSplitAfter.faults - serverSplitBefore.faults
        : null;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const payfipCpuAfter = cpuSecondsOf(simulatorHost?.pid);
    const payfipCpu =
      payfipCpuAfter !== null && payfipCpuBefore !== null ? payfipCpuAfter - payfipCpuBefore : 0;
    const machineAfter = machineBusySeconds();
    const serverCpu =
      serverCpuBefore !== null && serverCpuAfter !== null ? serverCpuAfter - serverCpuBefore : null;
    const serverMs = server.serverMs;
    server.serverMs = null;
    loopDelay.disable();
    clearInterval(cpuSampler);
    clearInterval(tenthSampler);
    const rushExchanges = exchanges.list ?? [];
    exchanges.list = null;
    agent.destroy();
    if (server.exitedEarly()) {
      harnessError ??= new Error(
        `Le serveur s'est arrêté pendant la ruée :\n${server.stderr.join("")}`,
      );
    }

    const exitCode = await started.stop();
    stopServer = null;
    if (harnessError) throw harnessError;

    const db = openDb(dbPath);
    const damage = countDamage(db);
    db.$client.close();

    out("Plancher : les mêmes transactions sur la copie de la base, sans HTTP…");
    const floor = await runFloor(floorPath, town);

    // --- Report ---
    const famPerS = results.done / rushSeconds;
    const floorPerS = FAMILIES / floor.seconds;
    out();
    out("=== Ruée de l'ouverture : résultats ===");
    out(
      `Ruée : ${results.done}/${FAMILIES} familles terminées en ${rushSeconds.toFixed(1)} s → ${famPerS.toFixed(0)} familles/s ` +
        `(payées : ${results.paid}, complet : ${results.complet}, erreurs : ${results.failed}, inachevées : ${unfinished})`,
    );
    out(
      `Requêtes HTTP servies pendant la ruée : ${rushRequests} (${(rushRequests / rushSeconds).toFixed(0)}/s, appels du serveur à son simulateur PayFiP compris) ; ` +
        `retard max du lanceur : ${fmt(maxLate)} ms`,
    );
    out(
      `CPU pendant la ruée : serveur (${serverProcesses} processus) ${serverCpu === null ? "?" : `${serverCpu.toFixed(1)} s (${((serverCpu / rushSeconds) * 100).toFixed(0)} % d'un cœur, ${((serverCpu * 1000) / results.done).toFixed(1)} ms par famille${serverSystem === null || serverCpu <= 0 ? "" : `, dont ${((serverSystem / serverCpu) * 100).toFixed(0)} % dans le noyau`}${serverMain === null || serverProcesses > 1 ? "" : `, fil principal ${((serverMain * 1000) / results.done).toFixed(1)} ms par famille`}${serverFaults === null ? "" : `, ${serverFaults} défauts de page`})`}, ` +
        `banc d'essai ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s` +
        (simulatorHost ? `, simulateur PayFiP ${payfipCpu.toFixed(1)} s` : "") +
        (machineBefore !== null && machineAfter !== null && serverCpu !== null
          ? `, autres processus de la machine ${Math.max(0, machineAfter - machineBefore - serverCpu - payfipCpu - (benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s`
          : "") +
        ` (charge moyenne à l'ouverture : ${loadBefore.toFixed(2)})`,
    );
    out(
      `Retard de la boucle du banc d'essai (simulateur PayFiP compris) : p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms`,
    );
    out();
    out("Étape            n      p50 ms   p95 ms   p99 ms   max ms");
    const row = (name: string, samples: number[]) => {
      const s = summary(samples);
      out(
        `${name.padEnd(15)} ${String(s.n).padStart(5)} ${fmt(s.p50).padStart(9)} ${fmt(s.p95).padStart(8)} ${fmt(s.p99).padStart(8)} ${fmt(s.max).padStart(8)}`,
      );
      return s;
    };
    const stepStats = STEPS.map((step) => ({ step, s: row(step, results.steps[step]) }));
    row("famille (toute)", results.familyAll);
    row("famille payée", results.familyPaid);
    row("famille complet", results.familyComplet);
    out();
    out("Par seconde depuis l'ouverture (requêtes des étapes mesurées, par leur départ) :");
    out("Seconde   requêtes   p50 ms   p99 ms   max ms   CPU serveur");
    const bySecond = new Map<number, number[]>();
    for (const e of results.timeline) {
      const second = Math.max(0, Math.floor(e.at / 1000));
      const list = bySecond.get(second) ?? [];
      list.push(e.ms);
      bySecond.set(second, list);
    }
    for (const [second, samples] of [...bySecond].sort((a, b) => a[0] - b[0])) {
      const s = summary(samples);
      out(
        `${String(second).padStart(7)} ${String(s.n).padStart(10)} ${fmt(s.p50).padStart(8)} ${fmt(s.p99).padStart(8)} ${fmt(s.max).padStart(8)}` +
          `${cpuBySecond[second] === undefined ? "" : `${(cpuBySecond[second] * 100).toFixed(0).padStart(10)} %`}`,
      );
    }
    out();
    out(
      "Les deux premières secondes, par dixième (requêtes par leur départ ; CPU en part d'un cœur ;" +
        " fil principal du serveur : ms sur un cœur / ms prêt mais en attente d'un cœur) :",
    );
    out(
      "Dixième      planning    panier     récap     payer    simul.    retour   p99 ms   max ms  CPU serveur  CPU banc  CPU PayFiP   fil principal",
    );
    out("(par étape : requêtes parties / plus longue en ms)");
    for (let tenth = 0; tenth < 20; tenth++) {
      const inTenth = results.timeline.filter((e) => Math.floor(e.at / 100) === tenth);
      const count = (step: TStep) => {
        const mine = inTenth.filter((e) => e.step === step);
        if (mine.length === 0) return "0";
        return `${mine.length}/${fmt(summary(mine.map((e) => e.ms)).max)}`;
      };
      const s = summary(inTenth.map((e) => e.ms));
      const cpu = cpuByTenth[tenth];
      out(
        `${String(tenth).padStart(7)} ${STEPS.map((step, i) => count(step).padStart([12, 10, 10, 10, 10, 10][i] ?? 10)).join("")} ${fmt(s.p99).padStart(8)} ${fmt(s.max).padStart(8)}` +
          (cpu
            ? `${(cpu.server * 1000).toFixed(0).padStart(11)} %${(cpu.bench * 1000).toFixed(0).padStart(9)} %` +
              (cpu.payfip === null
                ? "           —"
                : `${(cpu.payfip * 1000).toFixed(0).padStart(10)} %`) +
              (cpu.ran !== null && cpu.waited !== null
                ? `${`${cpu.ran.toFixed(0)} / ${cpu.waited.toFixed(0)}`.padStart(16)}`
                : "")
            : ""),
      );
    }
    out();
    out("Connexions : les requêtes de la ruée selon la connexion du téléphone (ms) :");
    for (const reused of [true, false]) {
      const s = summary(rushExchanges.filter((e) => e.reused === reused).map((e) => e.ms));
      out(
        `  ${reused ? "déjà ouverte " : "nouvelle     "} ${String(s.n).padStart(5)} requêtes   p50 ${fmt(s.p50).padStart(6)}   p99 ${fmt(s.p99).padStart(6)}   max ${fmt(s.max).padStart(6)}`,
      );
    }
    out();
    out(
      "Temps dans le serveur (son journal, de la lecture de la requête à la réponse, attente de son tour comprise) :",
    );
    out("Chemin                              n      p50 ms   p95 ms   p99 ms   total s");
    for (const [path, samples] of [...serverMs].sort((a, b) => b[1].length - a[1].length)) {
      const s = summary(samples);
      const total = samples.reduce((x, y) => x + y, 0) / 1000;
      out(
        `${path.padEnd(32)} ${String(s.n).padStart(5)} ${fmt(s.p50).padStart(9)} ${fmt(s.p95).padStart(8)} ${fmt(s.p99).padStart(8)} ${total.toFixed(1).padStart(9)}`,
      );
    }
    out();
    out("Erreurs par sorte :");
    out(`  complet (attendu) : ${results.complet}`);
    if (results.errors.size === 0) out("  aucune autre");
    for (const [kind, e] of results.errors) {
      out(`  ${kind} : ${e.count} — ex. « ${e.sample.slice(0, 200)} »`);
    }
    out(
      `Journal du serveur : ${server.errors.count} erreur(s), ${server.warnings.count} avertissement(s) ; code de sortie ${exitCode}`,
    );
    for (const line of server.errors.samples) out(`  ${line}`);
    out();
    out(
      `Base après la ruée : ${damage.paid} paiements payés, ${damage.booked} jours réservés et payés ` +
        `(${damage.perDay.map((d) => `${d.date} ${d.n}`).join(", ")}), ${damage.tickets} tickets de paiement en file`,
    );
    out(`Jours surréservés : ${damage.overbooked.length}`);
    for (const o of damage.overbooked) out(`  ${o.date} : ${o.n} pour ${o.capacity} places`);
    out(`Paiements sans réservation : ${damage.paidWithoutBooking}`);
    out(`Paiements encore en attente : ${damage.pending}`);
    out(`Paiements à rembourser (signalés) : ${damage.needsRefund}`);
    out();
    out(
      `Plancher (applyChanges → startBasketPayment → règlement payé, PayFiP en mémoire, une famille après l'autre) : ` +
        `${FAMILIES} familles en ${floor.seconds.toFixed(2)} s → ${floorPerS.toFixed(0)} familles/s ` +
        `(payées : ${floor.paid}, complet : ${floor.complet}, surréservés : ${floor.checks.overbooked.length}, ` +
        `sans réservation : ${floor.checks.paidWithoutBooking})`,
    );
    for (const [kind, n] of floor.errors) out(`  plancher, erreur ${kind} : ${n}`);
    out(`Rapport pile complète ÷ plancher : ${(famPerS / floorPerS).toFixed(3)}`);
    out();
    const otherErrors = results.failed + unfinished;
    const worstP99 = Math.max(...stepStats.map((x) => (Number.isNaN(x.s.p99) ? 0 : x.s.p99)));
    const slowSteps = stepStats.filter((x) => x.s.p99 >= TARGET_P99_MS).map((x) => x.step);
    out("Objectifs :");
    out(
      `  ${mark(damage.overbooked.length === 0)} 0 jour surréservé (${damage.overbooked.length})`,
    );
    out(
      `  ${mark(damage.paidWithoutBooking === 0)} 0 paiement sans réservation (${damage.paidWithoutBooking})`,
    );
    out(`  ${mark(otherErrors === 0)} 0 erreur autre que « complet » (${otherErrors})`);
    out(
      `  ${mark(slowSteps.length === 0)} p99 de chaque étape < ${TARGET_P99_MS} ms (pire : ${fmt(worstP99)} ms${slowSteps.length ? ` ; au-delà : ${slowSteps.join(", ")}` : ""})`,
    );
    out(
      `  ${mark(unfinished === 0 && rushSeconds < TARGET_RUSH_S)} ruée terminée en moins de ${TARGET_RUSH_S} s (${rushSeconds.toFixed(1)} s)`,
    );
    if (cpuProfDir) out(`Profil CPU du serveur : ${cpuProfDir}`);
    if (process.env.RUSH_KEEP === "1") out(`Dossier gardé : ${dir}`);
    return 0;
  } finally {
    agent.destroy();
    if (stopServer) await stopServer().catch(() => null);
    releaseServerCpu();
    simulatorHost?.kill("SIGTERM");
    if (process.env.RUSH_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `\nLe banc d'essai a échoué : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
