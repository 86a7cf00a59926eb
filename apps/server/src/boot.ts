import type { Server } from "node:http";
import {
  createClock,
  createServices,
  offerFreedPlaces,
  reconcilePayments,
  sendInvoiceReminders,
  type TPayfipService,
} from "@ef/api";
import {
  checkpointInBackground,
  groupCommit,
  migrate,
  openDb,
  passwordResets,
  sessions,
  type TDb,
} from "@ef/db";
import { isSeeded, seedDemo, type TDemoAccount } from "@ef/db/seed";
import { startMailWorker } from "@ef/mail";
import {
  createPayfipClient,
  createPayfipSimulator,
  paymentPageUrl,
  type TPayfipSimulator,
} from "@ef/payfip";
import { lt } from "drizzle-orm";
import { createAppServer } from "./app";
import type { TServerConfig } from "./config";
import { createLog, type TLog } from "./log";
import { type TWarmUpResult, warmUp } from "./warm-up";

/** How one process of the server starts (several share the port: see `main.ts`). */
export type TBootOptions = {
  /** The every-minute and hourly jobs and the mail worker run here (one process only). */
  jobs?: boolean;
  /** Migrations and the demo seed were done by the primary process. */
  databaseReady?: boolean;
};

/** Migrations, then the demo when asked and the database is empty. */
export async function prepareDatabase(
  db: TDb,
  config: TServerConfig,
  log: TLog,
): Promise<TDemoAccount[] | null> {
  migrate(db);
  if (!config.seedDemo || isSeeded(db)) return null;
  const accounts = await seedDemo(db, {
    dataDir: config.dataDir,
    now: createClock(config.appNow, config.production)(),
  });
  log("info", "demo.seeded", { households: 2 });
  return accounts;
}

export type TRunning = {
  server: Server;
  db: TDb;
  services: ReturnType<typeof createServices>;
  /** The PayFiP simulator, when PAYFIP_MODE=simulator (tests steer its notifications). */
  simulator: TPayfipSimulator | null;
  url: string;
  demoAccounts: TDemoAccount[] | null;
  /** The warm-up's outcome once it is over (null without one): see `warm-up.ts`. */
  warmedUp: Promise<TWarmUpResult | null>;
  stop(): Promise<void>;
};

/**
 * Starts everything: database (migrated, demo seeded when empty), HTTP server, mail worker and
 * housekeeping. `stop()` shuts down gracefully: no new connections, requests in flight finish,
 * the mail worker's pass ends, then the database closes.
 */
export async function boot(
  config: TServerConfig,
  log: TLog = createLog(),
  options: TBootOptions = {},
): Promise<TRunning> {
  const clock = createClock(config.appNow, config.production);
  const db = openDb(config.databasePath);
  const demoAccounts = options.databaseReady ? null : await prepareDatabase(db, config, log);
  const jobs = options.jobs ?? true;
  // Commits no longer wait for the disk on the event loop; answers wait for it (group commit).
  groupCommit(db);
  // Nor do the WAL's checkpoints: a thread copies it into the database file.
  const checkpointer = checkpointInBackground(db);

  const services = createServices();
  // The PayFiP simulator answers under /payfip-simulator on this same server.
  const simulator: TPayfipSimulator | null =
    config.payfip.mode === "simulator"
      ? createPayfipSimulator({
          basePath: "/payfip-simulator",
          now: clock,
          log: (event: string, data?: Record<string, unknown>) => log("info", event, data ?? {}),
        })
      : null;
  const server = createAppServer({ db, clock, config, services, log, simulator });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(config.port, config.host, () => ok());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  services.payfip = payfipService(config, port);

  // Every minute: reconciliation (a lost notification never leaves a family paid but not
  // booked), then the waiting lists.
  let reconciling = false;
  const reconciler = setInterval(() => {
    if (!jobs) return;
    if (reconciling || !services.payfip) return;
    reconciling = true;
    reconcilePayments(db, services.payfip, clock, config.publicUrl)
      .then((r) => {
        if (r.settled) log("info", "payments.reconciled", r);
        // Freed places (cancellations, lapsed holds, lapsed offers) go to the waiting lists.
        const offers = offerFreedPlaces(db, clock(), config.publicUrl);
        if (offers) log("info", "waiting_list.offers", { offers });
        // Unpaid invoices due within 5 days: one reminder each.
        const reminders = sendInvoiceReminders(db, clock(), config.publicUrl);
        if (reminders) log("info", "invoices.reminders", { reminders });
      })
      .catch((error) => log("error", "payments.reconcile_error", { error }))
      .finally(() => {
        reconciling = false;
      });
  }, 60_000);
  reconciler.unref();

  const worker =
    jobs && config.smtpUrl
      ? startMailWorker({
          db,
          smtpUrl: config.smtpUrl,
          from: config.mailFrom,
          now: clock,
          intervalMs: 1000,
          log: (event, data) => log("info", event, data),
        })
      : null;

  // Housekeeping: expired sessions and spent reset links go.
  const sweep = () => {
    const cutoff = clock().toISOString();
    db.delete(sessions).where(lt(sessions.expiresAt, cutoff)).run();
    db.delete(passwordResets).where(lt(passwordResets.expiresAt, cutoff)).run();
  };
  if (jobs) sweep();
  const sweeper = setInterval(() => jobs && sweep(), 60 * 60_000);
  sweeper.unref();

  // Paid bookings soon run at full speed, even right after a restart (warm-up.ts).
  const warming = { stopped: false };
  const warmedUp =
    config.warmUpFlows > 0
      ? warmUp(config, log, config.warmUpFlows, warming)
          // Even its cleaning up failing must not take the server down.
          .catch(
            (error: unknown): TWarmUpResult => ({
              done: false,
              reason: error instanceof Error ? error.message : String(error),
              ms: 0,
            }),
          )
          .then((warm) => {
            if (warm.done) log("info", "warmup.done", warm);
            else log("warn", "warmup.skipped", warm);
            return warm;
          })
      : Promise.resolve(null);

  let stopping: Promise<void> | null = null;
  return {
    server,
    db,
    services,
    simulator,
    url: `http://localhost:${port}`,
    demoAccounts,
    warmedUp,
    stop() {
      stopping ??= (async () => {
        warming.stopped = true;
        await warmedUp;
        clearInterval(sweeper);
        clearInterval(reconciler);
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeIdleConnections();
        });
        await worker?.stop();
        await simulator?.control.settled();
        await checkpointer.stop();
        db.$client.close();
      })();
      return stopping;
    },
  };
}

function payfipService(config: TServerConfig, port: number): TPayfipService {
  const p = config.payfip;
  if (p.mode === "production") {
    const client = createPayfipClient({ endpoint: p.endpoint, numcli: p.numcli, saisie: p.saisie });
    return { client, pageUrl: (idOp) => paymentPageUrl(p.pageUrl, idOp) };
  }
  const client = createPayfipClient({
    endpoint: `http://127.0.0.1:${port}/payfip-simulator/ws`,
    numcli: p.numcli,
    saisie: p.saisie,
  });
  return {
    client,
    pageUrl: (idOp) => paymentPageUrl(`${config.publicUrl}/payfip-simulator/paiement`, idOp),
  };
}
