import { resolve } from "node:path";
import { databasePath, dataDir, repoRoot } from "@ef/db";

/** Every setting comes from the environment (README, "Settings"). */
export type TServerConfig = {
  port: number;
  host: string;
  production: boolean;
  databasePath: string;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  appNow: string | undefined;
  trustProxy: boolean;
  parentDist: string;
  consoleDist: string;
  /** Seed the demo into an empty database (on by default outside production). */
  seedDemo: boolean;
  /**
   * Processes serving the port together (`SERVER_WORKERS`, 1 by default).
   * One with the PayFiP simulator, which keeps its operations in memory.
   */
  workers: number;
  /**
   * Families the server books and pays for, on a throwaway database, as it starts
   * (`WARMUP_FLOWS`; 600 in production, none otherwise): see `warm-up.ts`.
   */
  warmUpFlows: number;
  payfip:
    | { mode: "simulator"; numcli: string; saisie: "T" }
    | {
        mode: "production";
        numcli: string;
        saisie: "T" | "X" | "W";
        endpoint: string;
        pageUrl: string;
      };
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): TServerConfig {
  const production = env.NODE_ENV === "production";
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT invalide : ${env.PORT}`);
  }
  if (production && env.APP_NOW) throw new Error("APP_NOW est refusé en production.");
  const payfipMode = env.PAYFIP_MODE ?? "simulator";
  if (payfipMode !== "simulator" && payfipMode !== "production") {
    throw new Error(`PAYFIP_MODE invalide : ${payfipMode} (simulator ou production)`);
  }
  if (payfipMode === "production" && !/^\d{6}$/.test(env.PAYFIP_NUMCLI ?? "")) {
    throw new Error(
      "PAYFIP_MODE=production demande PAYFIP_NUMCLI (le numéro client PayFiP, 6 chiffres).",
    );
  }
  // One process by default: measured at the opening rush, a second one sharing the SQLite file
  // costs more than it brings (each drops its page cache at the other's writes, and they wait for
  // each other's write lock).
  const workers = env.SERVER_WORKERS ? Number(env.SERVER_WORKERS) : 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
    throw new Error(`SERVER_WORKERS invalide : ${env.SERVER_WORKERS} (de 1 à 16)`);
  }
  if (workers > 1 && payfipMode === "simulator") {
    throw new Error(
      "SERVER_WORKERS > 1 demande PAYFIP_MODE=production : le simulateur garde ses paiements en mémoire, dans un seul processus.",
    );
  }
  const warmUpFlows = env.WARMUP_FLOWS ? Number(env.WARMUP_FLOWS) : production ? 600 : 0;
  if (!Number.isInteger(warmUpFlows) || warmUpFlows < 0 || warmUpFlows > 5000) {
    throw new Error(`WARMUP_FLOWS invalide : ${env.WARMUP_FLOWS} (de 0 à 5000)`);
  }
  const saisie = env.PAYFIP_SAISIE ?? "W";
  if (saisie !== "T" && saisie !== "X" && saisie !== "W")
    throw new Error("PAYFIP_SAISIE : T, X ou W.");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    production,
    databasePath: databasePath(),
    dataDir: dataDir(),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ""),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? "Espace Famille d'Albertville <espace-famille@albertville.example>",
    appNow: env.APP_NOW || undefined,
    trustProxy: env.TRUST_PROXY === "1",
    parentDist: resolve(repoRoot, "apps/parent/dist"),
    consoleDist: resolve(repoRoot, "apps/console/dist"),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === "1" : !production,
    workers,
    warmUpFlows,
    payfip:
      payfipMode === "production"
        ? {
            mode: "production",
            numcli: env.PAYFIP_NUMCLI ?? "",
            saisie,
            endpoint: env.PAYFIP_ENDPOINT ?? "https://www.payfip.gouv.fr/tpa/services/securite",
            pageUrl: env.PAYFIP_PAGE_URL ?? "https://www.payfip.gouv.fr/tpa/paiementws.web",
          }
        : { mode: "simulator", numcli: "000000", saisie: "T" },
  };
}
