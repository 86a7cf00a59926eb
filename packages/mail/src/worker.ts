import { mailOutbox, type TDb } from "@ef/db";
import { and, asc, eq, lte } from "drizzle-orm";
import nodemailer, { type SMTPTransportOptions } from "nodemailer";

/** Waits before the 2nd, 3rd… 6th attempt: 1 min, 5 min, 15 min, 1 h, 6 h. */
export const RETRY_DELAYS_MS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  6 * 60 * 60_000,
] as const;

/** After this many failed attempts a message is `failed`; only the console's re-send revives it. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

const BATCH_SIZE = 20;
const DEFAULT_INTERVAL_MS = 15_000;
/**
 * How long a worker owns a message it is sending. Far longer than one SMTP exchange can last with
 * the timeouts below; if the process dies mid-send, the message is due again once it runs out.
 */
const CLAIM_MS = 10 * 60_000;
const LAST_ERROR_MAX = 500;

/** Receives the worker's events. Data holds ids, kinds, counts and error codes, never content. */
export type TMailLog = (event: string, data: Record<string, unknown>) => void;

export type TMailWorkerOptions = {
  db: TDb;
  /** `smtp://[user:pass@]host[:port]` or `smtps://…` */
  smtpUrl: string;
  /** The From header, e.g. `Espace Famille <ne-pas-repondre@albertville.fr>`. */
  from: string;
  now: () => Date;
  /** Time between two passes; 0 polls never (passes run only through `flush`). */
  intervalMs?: number;
  log?: TMailLog;
};

export type TMailWorker = {
  /** Stops polling, waits for the pass in flight (it ends after its current message), closes SMTP. */
  stop(): Promise<void>;
  /** Runs one pass now (after the one in flight, if any) and resolves to the number of messages sent. */
  flush(): Promise<number>;
};

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);

/**
 * Transport options from `SMTP_URL`. A loopback relay (the test server, a local MTA) is spoken to
 * in plain text: it may advertise STARTTLS with a certificate nobody can verify. Short timeouts so
 * an unreachable server costs a pass seconds, not minutes.
 */
export function smtpTransportOptions(smtpUrl: string): SMTPTransportOptions {
  const url = new URL(smtpUrl);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  const secure = url.protocol === "smtps:";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ignoreTLS: !secure && isLoopback(host),
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    dnsTimeout: 10_000,
  };
}

type TDueRow = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  attempts: number;
  nextAttemptAt: string;
};

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > LAST_ERROR_MAX ? `${text.slice(0, LAST_ERROR_MAX - 1)}…` : text;
}

/**
 * Starts sending the outbox over SMTP: every `intervalMs` (first pass at once), the due pending
 * messages, oldest first, 20 at a time; failures are retried after 1 min, 5 min, 15 min, 1 h and
 * 6 h, then left `failed` with their last error.
 *
 * Several workers may share one database: a worker first claims a message with one guarded
 * UPDATE (still pending, still due at the instant it read), and only the claimant sends it.
 */
export function startMailWorker(opts: TMailWorkerOptions): TMailWorker {
  const { db } = opts;
  const log: TMailLog = opts.log ?? (() => {});
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const transport = nodemailer.createTransport(smtpTransportOptions(opts.smtpUrl));

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Passes of one worker never overlap: each waits for the previous one.
  let queue: Promise<unknown> = Promise.resolve();

  async function deliver(row: TDueRow, passNow: Date): Promise<boolean> {
    const claimUntil = new Date(passNow.getTime() + CLAIM_MS).toISOString();
    const claim = db
      .update(mailOutbox)
      .set({ nextAttemptAt: claimUntil })
      .where(
        and(
          eq(mailOutbox.id, row.id),
          eq(mailOutbox.status, "pending"),
          eq(mailOutbox.nextAttemptAt, row.nextAttemptAt),
        ),
      )
      .run();
    // Another worker claimed it, or the console changed it, since we read it.
    if (claim.changes !== 1) return false;

    const ours = and(
      eq(mailOutbox.id, row.id),
      eq(mailOutbox.status, "pending"),
      eq(mailOutbox.nextAttemptAt, claimUntil),
    );
    const attempts = row.attempts + 1;
    try {
      await transport.sendMail({
        from: opts.from,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        // RFC 3834: tells auto-responders not to answer.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (err) {
      const at = opts.now();
      const delay = RETRY_DELAYS_MS[attempts - 1];
      const failed = delay === undefined;
      db.update(mailOutbox)
        .set({
          attempts,
          status: failed ? "failed" : "pending",
          nextAttemptAt: new Date(at.getTime() + (delay ?? 0)).toISOString(),
          lastError: errorText(err),
        })
        .where(ours)
        .run();
      log(failed ? "mail.failed" : "mail.retry", {
        id: row.id,
        kind: row.kind,
        attempts,
        code: errorCode(err),
      });
      return false;
    }
    db.update(mailOutbox)
      .set({ status: "sent", sentAt: opts.now().toISOString(), attempts, lastError: null })
      .where(ours)
      .run();
    log("mail.sent", { id: row.id, kind: row.kind, attempts });
    return true;
  }

  async function pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = opts.now();
      const due: TDueRow[] = db
        .select({
          id: mailOutbox.id,
          kind: mailOutbox.kind,
          toAddress: mailOutbox.toAddress,
          subject: mailOutbox.subject,
          textBody: mailOutbox.textBody,
          htmlBody: mailOutbox.htmlBody,
          attempts: mailOutbox.attempts,
          nextAttemptAt: mailOutbox.nextAttemptAt,
        })
        .from(mailOutbox)
        .where(
          and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now.toISOString())),
        )
        .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
        .limit(BATCH_SIZE)
        .all();
      for (const row of due) {
        if (stopped) return sent;
        if (await deliver(row, now)) sent++;
      }
      // Every row of a full batch is now sent, pushed back or claimed elsewhere: read the next.
      if (due.length < BATCH_SIZE || stopped) return sent;
    }
  }

  function enqueuePass(): Promise<number> {
    const run = queue.then(() => (stopped ? 0 : pass()));
    queue = run.catch(() => undefined);
    return run;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    try {
      await enqueuePass();
    } catch (err) {
      log("mail.pass_error", { code: errorCode(err), error: errorText(err) });
    }
    if (!stopped) {
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    }
  }

  if (intervalMs > 0) {
    timer = setTimeout(tick, 0);
    timer.unref();
  }

  return {
    flush() {
      if (stopped) return Promise.reject(new Error("The mail worker is stopped"));
      return enqueuePass();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await queue;
      transport.close();
    },
  };
}
