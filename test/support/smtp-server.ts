import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server received it. */
export type TReceivedMail = {
  /** The addresses of the To header. */
  to: string[];
  /** The From header as written (`Espace Famille <…>`). */
  from: string;
  subject: string;
  text: string;
  html: string | false;
};

export type TTestSmtp = {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  url: string;
  /** Every message received, in order of arrival. */
  messages: TReceivedMail[];
  /** Resolves with the first message (received or to come) matching `pred`. */
  waitFor(pred: (m: TReceivedMail) => boolean, timeoutMs?: number): Promise<TReceivedMail>;
  close(): Promise<void>;
};

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address] : [])));
}

/**
 * A real SMTP server on loopback, plain text, any login accepted. Listens on a free port, or on
 * `port` to stand in again for a server a test closed.
 */
export async function startTestSmtp(opts: { port?: number } = {}): Promise<TTestSmtp> {
  const messages: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "test" });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            to: addresses(mail.to),
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: mail.html ?? false,
          });
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(pred, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(pred);
        if (found) return found;
        if (Date.now() >= deadline) {
          const seen = messages.map((m) => `"${m.subject}" → ${m.to.join(", ")}`).join("; ");
          throw new Error(
            `No matching message within ${timeoutMs} ms (received ${messages.length}${seen ? `: ${seen}` : ""})`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
