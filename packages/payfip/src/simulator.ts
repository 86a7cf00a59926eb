import { randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { post, type TPost } from "./post";
import { paymentRequestFieldErrors, type TPaymentRequest, type TSaisie } from "./rules";
import { faultEnvelope, innerXml, responseEnvelope, textOf } from "./soap";
import type { TResultrans } from "./types";

/**
 * How the simulator notifies `urlnotif` once a payment is decided: once (`normal`), `twice`,
 * `late` (after a delay, the browser already back), `never`, or `outOfOrder` (first a notification
 * for an earlier, different `idOp`, then this one).
 */
export type TNotificationMode = "normal" | "twice" | "late" | "never" | "outOfOrder";

/** One operation the simulator holds in memory. */
export type TSimulatedOperation = {
  idOp: string;
  request: TPaymentRequest & { exer: string };
  createdAt: Date;
  /** 15 minutes after `createdAt`: the card page closes, an undecided `idOp` answers P1. */
  expiresAt: Date;
  /** `pending` until the card page is submitted. */
  state: "pending" | Extract<TResultrans, "P" | "R" | "A">;
  numauto: string | null;
  dattrans: string | null;
  heurtrans: string | null;
  /** Notification attempts to `urlnotif`, and how many of them failed. */
  notificationsSent: number;
  notificationsFailed: number;
};

export type TPayfipSimulatorOptions = {
  /** Where the server mounts it; default `/payfip-simulator`. */
  basePath?: string;
  /** The clock (the server's `APP_NOW` clock in demos and tests). */
  now?: () => Date;
  /** How the notifications are sent (default: node:http with kept-alive connections). */
  post?: TPost;
  /** Where the simulator says what it did (notifications failing, mostly). */
  log?: (message: string) => void;
};

export type TPayfipSimulatorControl = {
  /** How the next decided payments notify; `late` waits `delayMs` (default 2 s). */
  setNotificationMode(mode: TNotificationMode, delayMs?: number): void;
  /** Sends the notification for `idOp` again, `times` times, one after the other. */
  notify(idOp: string, times?: number): Promise<void>;
  /** Copies of every operation, oldest first. */
  operations(): TSimulatedOperation[];
  /** Resolves once every notification sent or scheduled so far has been delivered (or failed). */
  settled(): Promise<void>;
  /** Forgets every operation, cancels late notifications, back to `normal`. */
  reset(): void;
};

export type TPayfipSimulator = {
  /**
   * Serves the request if `pathname` is under `basePath` (true), else leaves it (false). Call it
   * before anything reads the request body: the simulator reads it itself.
   */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
  control: TPayfipSimulatorControl;
};

/** PayFiP's lifetime for an `idOp`. */
export const IDOP_LIFETIME_MS = 15 * 60 * 1000;
/** The test card that the simulator always refuses. */
export const REFUSED_CARD = "4000000000000002";
/** A card the simulator accepts (any other 16 digits would do). */
export const ACCEPTED_CARD = "4111111111111111";

/**
 * The card page's form as a parent sends it with « Payer », URL-encoded: for the scripts that pay
 * through the simulator without a browser (the server's warm-up, the rush bench).
 */
export function simulatorPaymentForm(
  idOp: string,
  card: string = ACCEPTED_CARD,
  expiration = "12/30",
): string {
  return new URLSearchParams({
    idop: idOp,
    carte: card,
    expiration,
    cryptogramme: "123",
    action: "payer",
  }).toString();
}

const CREDITOR = "Ville d'Albertville";
const TITLE = "PayFiP — paiement par carte bancaire (simulateur)";
const MAX_BODY_BYTES = 64 * 1024;

// The codes PayFiP gives for each field (exer and objet have none that we know of: the simulator's).
const FIELD_CODES: Record<keyof TPaymentRequest, string> = {
  numcli: "T1",
  exer: "E1",
  refdet: "R3",
  montant: "M1",
  mel: "A2",
  objet: "O1",
  saisie: "S1",
  urlnotif: "N1",
  urlredirect: "D1",
};

/** The two addresses of a simulator mounted at `basePath` on `publicUrl`. */
export function payfipSimulatorUrls(
  publicUrl: string,
  basePath = "/payfip-simulator",
): { endpoint: string; paymentPage: string } {
  const root = publicUrl.replace(/\/+$/, "") + basePath;
  return { endpoint: `${root}/ws`, paymentPage: `${root}/paiement` };
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type TParisParts = Record<"year" | "month" | "day" | "hour" | "minute", string>;

/** Paris's date and time to the minute; the last minute's parts are kept (the formatter is slow). */
function parisParts(date: Date): TParisParts {
  const minute = Math.floor(date.getTime() / 60_000);
  if (minute === lastParis.minute) return lastParis.parts;
  const parts = Object.fromEntries(parisClock.formatToParts(date).map((p) => [p.type, p.value]));
  const out: TParisParts = {
    year: parts.year ?? "",
    month: parts.month ?? "",
    day: parts.day ?? "",
    hour: parts.hour ?? "",
    minute: parts.minute ?? "",
  };
  Object.freeze(out);
  if (!Number.isNaN(minute)) lastParis = { minute, parts: out };
  return out;
}
let lastParis: { minute: number; parts: TParisParts } = {
  minute: Number.NaN,
  parts: { year: "", month: "", day: "", hour: "", minute: "" },
};

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(body);
}

const STYLES = `:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: #f3f4f6; color: #111827; }
main { max-width: 32rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.375rem; margin: 0.5rem 0 1rem; }
.notice { background: #fef3c7; border-left: 4px solid #92400e; padding: 0.5rem 0.75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.field { margin: 1rem 0; }
label { display: block; font-weight: 600; }
.hint { margin: 0; color: #4b5563; font-size: 0.9375rem; }
input { box-sizing: border-box; width: 100%; min-height: 44px; font-size: 1rem; padding: 0.5rem;
  border: 2px solid #374151; border-radius: 4px; }
input[aria-invalid="true"] { border-color: #b91c1c; }
.error { color: #b91c1c; margin: 0.25rem 0 0; font-weight: 600; }
.errors { border: 2px solid #b91c1c; padding: 0.5rem 1rem; margin: 1rem 0; }
.errors h2 { font-size: 1.0625rem; margin: 0.25rem 0; }
.actions { display: flex; gap: 1rem; flex-wrap: wrap; margin-top: 1.5rem; }
button, .link { min-height: 44px; min-width: 44px; font-size: 1rem; padding: 0.5rem 1.5rem;
  border-radius: 4px; border: 2px solid #1e3a8a; cursor: pointer; }
button[value="payer"] { background: #1e3a8a; color: #fff; }
button[value="annuler"] { background: #fff; color: #1e3a8a; }
.link { display: inline-block; color: #1e3a8a; text-decoration: underline; border: none; padding: 0.5rem 0; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;

type TCardForm = { carte: string; expiration: string };
type TCardErrors = Partial<Record<"carte" | "expiration" | "cryptogramme", string>>;

/**
 * The PayFiP simulator: the same SOAP operations as PayFiP at `${basePath}/ws`, the card page at
 * `${basePath}/paiement?idop=…`, the notification to `urlnotif` and the redirect to
 * `urlredirect`. Everything lives in memory.
 */
export function createPayfipSimulator(options: TPayfipSimulatorOptions = {}): TPayfipSimulator {
  const basePath = (options.basePath ?? "/payfip-simulator").replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const postNotification = options.post ?? post;
  const log = options.log ?? (() => {});

  const operations = new Map<string, TSimulatedOperation>();
  let mode: TNotificationMode = "normal";
  let lateDelayMs = 2000;
  const inFlight = new Set<Promise<void>>();
  const timers = new Map<NodeJS.Timeout, () => void>();

  function track(promise: Promise<void>): Promise<void> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  function sendNotification(op: TSimulatedOperation): Promise<void> {
    op.notificationsSent += 1;
    const attempt = (async () => {
      try {
        const answer = await postNotification(
          op.request.urlnotif,
          new URLSearchParams({ idOp: op.idOp }).toString(),
          { "content-type": "application/x-www-form-urlencoded" },
          10_000,
        );
        if (answer.status < 200 || answer.status > 299) {
          op.notificationsFailed += 1;
          log(`notification ${op.idOp} → ${op.request.urlnotif} : HTTP ${answer.status}`);
        }
      } catch (error) {
        op.notificationsFailed += 1;
        log(`notification ${op.idOp} → ${op.request.urlnotif} : ${String(error)}`);
      }
    })();
    return track(attempt);
  }

  function scheduleLate(op: TSimulatedOperation, delayMs: number): void {
    const done = track(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void sendNotification(op).then(resolve);
        }, delayMs);
        timer.unref();
        timers.set(timer, resolve);
      }),
    );
    void done;
  }

  async function notifyDecided(op: TSimulatedOperation): Promise<void> {
    switch (mode) {
      case "normal":
        await sendNotification(op);
        return;
      case "twice":
        await sendNotification(op);
        await sendNotification(op);
        return;
      case "late":
        scheduleLate(op, lateDelayMs);
        return;
      case "never":
        return;
      case "outOfOrder": {
        const all = [...operations.values()];
        const other = all.slice(0, all.indexOf(op)).at(-1);
        if (other) await sendNotification(other);
        await sendNotification(op);
        return;
      }
    }
  }

  const isExpired = (op: TSimulatedOperation) => now().getTime() >= op.expiresAt.getTime();

  // --- SOAP -------------------------------------------------------------------------------------

  function soapFault(res: ServerResponse, code: string, libelle: string): void {
    send(res, 500, "text/xml; charset=utf-8", faultEnvelope({ code, libelle }));
  }

  function soap(res: ServerResponse, body: string): void {
    const creer = innerXml(body, "creerPaiementSecurise");
    const recuperer = innerXml(body, "recupererDetailPaiementSecurise");
    const client = innerXml(body, "recupererDetailClient");
    if (creer !== null) {
      creerPaiementSecurise(res, creer);
    } else if (recuperer !== null) {
      recupererDetailPaiementSecurise(res, recuperer);
    } else if (client !== null) {
      const numcli = textOf(client, "numCli") ?? "";
      if (!/^\d{6}$/.test(numcli)) {
        soapFault(res, "T1", "Numéro client incorrect.");
        return;
      }
      send(
        res,
        200,
        "text/xml; charset=utf-8",
        responseEnvelope("recupererDetailClient", [
          ["libelleN1", "VILLE D ALBERTVILLE"],
          ["libelleN2", "SIMULATEUR PAYFIP"],
          ["libelleN3", null],
          ["numcli", numcli],
        ]),
      );
    } else {
      send(
        res,
        500,
        "text/xml; charset=utf-8",
        faultEnvelope({
          kind: "TechProtocolaireErreur",
          code: "X1",
          libelle: "Opération inconnue du service PaiementSecuriseService.",
        }),
      );
    }
  }

  function creerPaiementSecurise(res: ServerResponse, xml: string): void {
    const field = (name: string) => textOf(xml, name) ?? "";
    const montant = field("montant");
    const request = {
      numcli: field("numcli"),
      exer: field("exer"),
      refdet: field("refdet"),
      montant: /^\d+$/.test(montant) ? Number.parseInt(montant, 10) : Number.NaN,
      mel: field("mel"),
      objet: field("objet"),
      saisie: field("saisie") as TSaisie,
      urlnotif: field("urlnotif"),
      urlredirect: field("urlredirect"),
    };
    const errors = paymentRequestFieldErrors(request);
    const first = errors[0];
    if (first) {
      soapFault(res, FIELD_CODES[first.field], first.message);
      return;
    }

    const createdAt = now();
    const idOp = randomBytes(16).toString("hex");
    operations.set(idOp, {
      idOp,
      request,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + IDOP_LIFETIME_MS),
      state: "pending",
      numauto: null,
      dattrans: null,
      heurtrans: null,
      notificationsSent: 0,
      notificationsFailed: 0,
    });
    send(
      res,
      200,
      "text/xml; charset=utf-8",
      responseEnvelope("creerPaiementSecurise", [["idOp", idOp]]),
    );
  }

  function recupererDetailPaiementSecurise(res: ServerResponse, xml: string): void {
    const op = operations.get(textOf(xml, "idOp") ?? "");
    // A decided payment stays readable (PayFiP keeps it); an undecided one dies with its idOp.
    if (!op || (op.state === "pending" && isExpired(op))) {
      soapFault(res, "P1", "IdOp incorrect.");
      return;
    }
    if (op.state === "pending") {
      soapFault(res, "P5", "Résultat de la transaction non connu.");
      return;
    }
    const r = op.request;
    send(
      res,
      200,
      "text/xml; charset=utf-8",
      responseEnvelope("recupererDetailPaiementSecurise", [
        ["dattrans", op.dattrans],
        ["exer", r.exer],
        ["heurtrans", op.heurtrans],
        ["idOp", op.idOp],
        ["mel", r.mel],
        ["montant", String(r.montant)],
        ["numauto", op.numauto],
        ["numcli", r.numcli],
        ["objet", r.objet],
        ["refdet", r.refdet],
        ["resultrans", op.state],
        ["saisie", r.saisie],
      ]),
    );
  }

  // --- Pages ------------------------------------------------------------------------------------

  function page(res: ServerResponse, status: number, main: string): void {
    const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(TITLE)}</title>
<link rel="stylesheet" href="${escapeHtml(basePath)}/simulateur.css">
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
    send(res, status, "text/html; charset=utf-8", html, {
      "content-security-policy":
        "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
      "referrer-policy": "no-referrer",
    });
  }

  function messagePage(
    res: ServerResponse,
    status: number,
    heading: string,
    text: string,
    back?: string,
  ): void {
    const link = back
      ? `<p><a class="link" href="${escapeHtml(back)}">Retourner sur le site de la ville</a></p>`
      : "";
    page(res, status, `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(text)}</p>\n${link}`);
  }

  function cardPage(
    res: ServerResponse,
    status: number,
    op: TSimulatedOperation,
    form: TCardForm = { carte: "", expiration: "" },
    errors: TCardErrors = {},
  ): void {
    const input = (
      name: keyof TCardErrors,
      label: string,
      hint: string,
      attrs: string,
      value: string,
    ) => {
      const error = errors[name];
      const describedBy = error ? `${name}-aide ${name}-erreur` : `${name}-aide`;
      return `<div class="field">
<label for="${name}">${escapeHtml(label)}</label>
<p class="hint" id="${name}-aide">${escapeHtml(hint)}</p>
<input id="${name}" name="${name}" ${attrs} value="${escapeHtml(value)}" aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ""}>
${error ? `<p class="error" id="${name}-erreur">${escapeHtml(error)}</p>` : ""}
</div>`;
    };
    const list = Object.entries(errors)
      .map(([name, message]) => `<li><a href="#${name}">${escapeHtml(message)}</a></li>`)
      .join("");
    const summary = list
      ? `<div class="errors" role="alert"><h2>Le paiement n'a pas été envoyé</h2><ul>${list}</ul></div>`
      : "";
    page(
      res,
      status,
      `<h1>Paiement par carte bancaire</h1>
<p class="notice">Simulateur PayFiP : aucune carte n'est débitée. Toute carte de 16 chiffres est acceptée, sauf 4000 0000 0000 0002, toujours refusée.</p>
<dl>
<dt>Créancier</dt><dd>${escapeHtml(CREDITOR)}</dd>
<dt>Objet</dt><dd>${escapeHtml(op.request.objet)}</dd>
<dt>Référence</dt><dd>${escapeHtml(op.request.refdet)}</dd>
<dt>Montant</dt><dd>${escapeHtml(euros.format(op.request.montant / 100))}</dd>
</dl>
${summary}
<form method="post" action="${escapeHtml(basePath)}/paiement">
<input type="hidden" name="idop" value="${escapeHtml(op.idOp)}">
${input("carte", "Numéro de carte", "16 chiffres, espaces permis.", 'inputmode="numeric" autocomplete="cc-number" maxlength="23"', form.carte)}
${input("expiration", "Date d'expiration (MM/AA)", "Par exemple 09/28.", 'inputmode="numeric" autocomplete="cc-exp" maxlength="5"', form.expiration)}
${input("cryptogramme", "Cryptogramme", "Les 3 chiffres au dos de la carte.", 'inputmode="numeric" autocomplete="cc-csc" maxlength="3"', "")}
<div class="actions">
<button type="submit" name="action" value="payer">Payer</button>
<button type="submit" name="action" value="annuler">Annuler</button>
</div>
</form>`,
    );
  }

  function checkCard(form: URLSearchParams): TCardErrors {
    const errors: TCardErrors = {};
    const carte = (form.get("carte") ?? "").replace(/\s+/g, "");
    if (!/^\d{16}$/.test(carte)) {
      errors.carte = "Le numéro de carte doit comporter 16 chiffres.";
    }
    const expiration = /^(\d{2})\/(\d{2})$/.exec((form.get("expiration") ?? "").trim());
    const month = Number(expiration?.[1]);
    if (!expiration || month < 1 || month > 12) {
      errors.expiration = "La date d'expiration doit être au format MM/AA, par exemple 09/28.";
    } else {
      const today = parisParts(now());
      const expires = (2000 + Number(expiration[2])) * 12 + month;
      if (expires < Number(today.year) * 12 + Number(today.month)) {
        errors.expiration = "Cette carte a expiré.";
      }
    }
    if (!/^\d{3}$/.test((form.get("cryptogramme") ?? "").trim())) {
      errors.cryptogramme = "Le cryptogramme doit comporter 3 chiffres.";
    }
    return errors;
  }

  /** Shows the card page, or why it cannot; returns the payable operation or null. */
  function payable(res: ServerResponse, idOp: string): TSimulatedOperation | null {
    const op = operations.get(idOp);
    if (!op) {
      messagePage(res, 404, "Paiement introuvable", "Ce lien de paiement n'existe pas.");
      return null;
    }
    if (op.state !== "pending") {
      messagePage(
        res,
        409,
        "Paiement déjà traité",
        "Ce paiement est déjà traité.",
        op.request.urlredirect,
      );
      return null;
    }
    if (isExpired(op)) {
      messagePage(
        res,
        410,
        "Paiement expiré",
        "Ce lien de paiement a expiré : il n'est valable que 15 minutes. Relancez le paiement depuis le site de la ville.",
        op.request.urlredirect,
      );
      return null;
    }
    return op;
  }

  async function submit(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const op = payable(res, form.get("idop") ?? "");
    if (!op) return;

    let state: TSimulatedOperation["state"];
    if (form.get("action") === "annuler") {
      state = "A";
    } else {
      const errors = checkCard(form);
      if (Object.keys(errors).length > 0) {
        const kept = { carte: form.get("carte") ?? "", expiration: form.get("expiration") ?? "" };
        return cardPage(res, 422, op, kept, errors);
      }
      state = (form.get("carte") ?? "").replace(/\s+/g, "") === REFUSED_CARD ? "R" : "P";
    }

    // Decided before any await: a second submit racing this one finds it already processed.
    const at = parisParts(now());
    op.state = state;
    op.numauto = state === "P" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : null;
    op.dattrans = `${at.day}${at.month}${at.year}`;
    op.heurtrans = `${at.hour}${at.minute}`;

    await notifyDecided(op);
    res.writeHead(303, { location: op.request.urlredirect, "cache-control": "no-store" });
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const sub = pathname.slice(basePath.length);
    const method = req.method ?? "GET";

    if (sub === "/simulateur.css" && method === "GET") {
      return send(res, 200, "text/css; charset=utf-8", STYLES, {
        "cache-control": "public, max-age=300",
      });
    }
    if (sub === "/ws" && method === "POST") {
      const body = await readBody(req);
      if (body === null) return send(res, 413, "text/plain; charset=utf-8", "Requête trop grande.");
      return soap(res, body);
    }
    if (sub === "/paiement" && method === "GET") {
      const idOp = new URL(req.url ?? "/", "http://simulateur").searchParams.get("idop") ?? "";
      const op = payable(res, idOp);
      if (op) cardPage(res, 200, op);
      return;
    }
    if (sub === "/paiement" && method === "POST") {
      const body = await readBody(req);
      if (body === null) return send(res, 413, "text/plain; charset=utf-8", "Requête trop grande.");
      return submit(res, new URLSearchParams(body));
    }
    messagePage(res, 404, "Page introuvable", "Cette page du simulateur PayFiP n'existe pas.");
  }

  return {
    handle(req, res, pathname) {
      if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return false;
      route(req, res, pathname).catch((error: unknown) => {
        log(`erreur du simulateur sur ${req.method} ${pathname} : ${String(error)}`);
        if (!res.headersSent) {
          send(res, 500, "text/plain; charset=utf-8", "Erreur du simulateur PayFiP.");
        } else {
          res.destroy();
        }
      });
      return true;
    },

    control: {
      setNotificationMode(next, delayMs) {
        mode = next;
        if (delayMs !== undefined) lateDelayMs = delayMs;
      },
      async notify(idOp, times = 1) {
        const op = operations.get(idOp);
        if (!op) throw new Error(`Opération PayFiP inconnue du simulateur : ${idOp}`);
        for (let i = 0; i < times; i++) await sendNotification(op);
      },
      operations() {
        return [...operations.values()].map((op) => ({
          ...op,
          request: { ...op.request },
          createdAt: new Date(op.createdAt),
          expiresAt: new Date(op.expiresAt),
        }));
      },
      async settled() {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
      },
      reset() {
        for (const [timer, resolve] of timers) {
          clearTimeout(timer);
          resolve();
        }
        timers.clear();
        operations.clear();
        mode = "normal";
        lateDelayMs = 2000;
      },
    },
  };
}
