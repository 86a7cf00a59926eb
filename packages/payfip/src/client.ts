import { post, type TPost } from "./post";
import { type TPaymentRequest, type TSaisie, validatePaymentRequest } from "./rules";
import { innerXml, parseFault, requestEnvelope, type TSoapFault, textOf } from "./soap";
import { outcomeOf, RESULTRANS, type TPaymentDetail, type TPaymentOutcome } from "./types";

/** PayFiP's web service (SOAP 1.1, `PaiementSecuriseService`). */
export const PAYFIP_ENDPOINT = "https://www.payfip.gouv.fr/tpa/services/securite";
/** PayFiP's card page: the payer is sent there with `?idop=…`. */
export const PAYFIP_PAYMENT_PAGE = "https://www.payfip.gouv.fr/tpa/paiementws.web";

/** What the caller gives per payment; `numcli` and `saisie` come from the client's settings. */
export type TPaymentInput = Omit<TPaymentRequest, "numcli" | "saisie">;

export type TPayfipClientOptions = {
  /** {@link PAYFIP_ENDPOINT}, or the simulator's `${publicUrl}/payfip-simulator/ws`. */
  endpoint: string;
  numcli: string;
  saisie: TSaisie;
  /** How the SOAP request is sent (default: node:http with kept-alive connections). */
  post?: TPost;
  /** Per call; PayFiP is slow at times but a payer is waiting. Default 15 s. */
  timeoutMs?: number;
};

export type TPayfipClient = {
  /** Asks PayFiP for an `idOp` for this payment. Refuses (throws) a request breaking a rule. */
  creerPaiementSecurise(input: TPaymentInput): Promise<{ idOp: string }>;
  /** Asks PayFiP what became of `idOp`: the only answer the server may trust. */
  recupererDetailPaiementSecurise(idOp: string): Promise<TPaymentOutcome>;
};

/** PayFiP answered with a SOAP fault (or something that is not a valid answer). */
export class PayfipError extends Error {
  readonly code: string | null;
  readonly fault: TSoapFault | null;

  constructor(message: string, fault: TSoapFault | null = null) {
    super(message);
    this.name = "PayfipError";
    this.code = fault?.code ?? null;
    this.fault = fault;
  }
}

/** A request breaking PayFiP's field rules: never sent. */
export class PayfipRequestError extends Error {
  readonly errors: string[];

  constructor(errors: string[]) {
    super(`Demande de paiement PayFiP refusée avant envoi : ${errors.join(" ")}`);
    this.name = "PayfipRequestError";
    this.errors = errors;
  }
}

/** The address to send the payer to: `${base}?idop=…` (base: {@link PAYFIP_PAYMENT_PAGE}). */
export function paymentPageUrl(base: string, idOp: string): string {
  return `${base}${base.includes("?") ? "&" : "?"}idop=${encodeURIComponent(idOp)}`;
}

/** A client for PayFiP's web service, or for the simulator, which speaks the same SOAP. */
export function createPayfipClient(options: TPayfipClientOptions): TPayfipClient {
  const send = options.post ?? post;
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** One SOAP call: the answer's XML, or the fault PayFiP sent. Transport trouble throws. */
  async function call(
    operation: string,
    fields: [string, string][],
  ): Promise<{ xml: string; fault: null } | { xml: null; fault: TSoapFault }> {
    let status: number;
    let xml: string;
    try {
      ({ status, text: xml } = await send(
        options.endpoint,
        requestEnvelope(operation, fields),
        { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
        timeoutMs,
      ));
    } catch (cause) {
      throw new PayfipError(`PayFiP est injoignable (${operation}) : ${String(cause)}`);
    }
    // Faults come with HTTP 500: read the body before judging the status.
    const fault = parseFault(xml);
    if (fault) return { xml: null, fault };
    if (status < 200 || status > 299) {
      throw new PayfipError(`PayFiP a répondu HTTP ${status} à ${operation}.`);
    }
    return { xml, fault: null };
  }

  function faultError(operation: string, fault: TSoapFault): PayfipError {
    const code = fault.code ? `${fault.code} : ` : "";
    return new PayfipError(`PayFiP a refusé ${operation} — ${code}${fault.text}`, fault);
  }

  return {
    async creerPaiementSecurise(input) {
      const req: TPaymentRequest = { ...input, numcli: options.numcli, saisie: options.saisie };
      const errors = validatePaymentRequest(req);
      if (errors.length > 0) throw new PayfipRequestError(errors);
      // PayFiP's order (the WSDL's sequence).
      const answer = await call("creerPaiementSecurise", [
        ["exer", String(req.exer)],
        ["mel", req.mel],
        ["montant", String(req.montant)],
        ["numcli", req.numcli],
        ["objet", req.objet],
        ["refdet", req.refdet],
        ["saisie", req.saisie],
        ["urlnotif", req.urlnotif],
        ["urlredirect", req.urlredirect],
      ]);
      if (answer.fault) throw faultError("creerPaiementSecurise", answer.fault);
      const idOp = textOf(answer.xml, "idOp");
      if (!idOp) throw new PayfipError("PayFiP n'a pas renvoyé d'idOp à creerPaiementSecurise.");
      return { idOp };
    },

    async recupererDetailPaiementSecurise(idOp) {
      const answer = await call("recupererDetailPaiementSecurise", [["idOp", idOp]]);
      if (answer.fault) {
        if (answer.fault.code === "P5") return { status: "unknown_yet" };
        if (answer.fault.code === "P1") return { status: "unknown_op" };
        throw faultError("recupererDetailPaiementSecurise", answer.fault);
      }
      return outcomeOf(parseDetail(answer.xml, idOp));
    },
  };
}

function parseDetail(xml: string, idOp: string): TPaymentDetail {
  const body = innerXml(xml, "return") ?? xml;
  const field = (name: string) => textOf(body, name);
  const optional = (name: string) => field(name) || null;

  const returnedIdOp = field("idOp");
  if (returnedIdOp !== idOp) {
    throw new PayfipError(`PayFiP a répondu pour un autre idOp (${returnedIdOp ?? "aucun"}).`);
  }
  const resultrans = field("resultrans");
  if (!RESULTRANS.includes(resultrans as TPaymentDetail["resultrans"])) {
    throw new PayfipError(`Résultat PayFiP inconnu : ${resultrans ?? "absent"}.`);
  }
  const montantText = field("montant") ?? "";
  if (!/^\d+$/.test(montantText)) {
    throw new PayfipError(`Montant PayFiP illisible : ${montantText || "absent"}.`);
  }
  return {
    idOp,
    numcli: field("numcli") ?? "",
    exer: field("exer") ?? "",
    refdet: field("refdet") ?? "",
    montant: Number.parseInt(montantText, 10),
    mel: field("mel") ?? "",
    objet: field("objet") ?? "",
    saisie: (field("saisie") ?? "") as TSaisie,
    resultrans: resultrans as TPaymentDetail["resultrans"],
    numauto: optional("numauto"),
    dattrans: optional("dattrans"),
    heurtrans: optional("heurtrans"),
  };
}
