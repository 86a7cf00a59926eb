import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createPayfipClient,
  PAYFIP_PAYMENT_PAGE,
  PayfipError,
  PayfipRequestError,
  paymentPageUrl,
  type TPaymentInput,
} from "./client";
import {
  faultEnvelope,
  innerXml,
  PAYFIP_SERVICE_NS,
  requestEnvelope,
  responseEnvelope,
  textOf,
} from "./soap";

/** A fake PayFiP endpoint: records each request, answers what the test sets. */
let server: Server;
let endpoint: string;
let requests: { body: string; contentType: string | undefined; soapAction: unknown }[] = [];
let answer: { status: number; body: string } = { status: 200, body: "" };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      requests.push({
        body,
        contentType: req.headers["content-type"],
        soapAction: req.headers.soapaction,
      });
      res.writeHead(answer.status, { "content-type": "text/xml; charset=utf-8" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tpa/services/securite`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  answer = { status: 200, body: "" };
});

const client = () => createPayfipClient({ endpoint, numcli: "012345", saisie: "T" });

const input: TPaymentInput = {
  exer: "2026",
  refdet: "EF2026000123",
  montant: 4250,
  mel: "famille.martin@example.fr",
  objet: "Reservations de Lea - vacances de Noel",
  urlnotif: "https://famille.albertville.fr/payfip/notification",
  urlredirect: "https://famille.albertville.fr/paiement/retour",
};

const detail = (fields: Record<string, string | null>) =>
  responseEnvelope(
    "recupererDetailPaiementSecurise",
    Object.entries({
      dattrans: "01122026",
      exer: "2026",
      heurtrans: "0805",
      idOp: "abc",
      mel: "famille.martin@example.fr",
      montant: "4250",
      numauto: "123456",
      numcli: "012345",
      objet: "Cantine",
      refdet: "EF2026000123",
      resultrans: "P",
      saisie: "T",
      ...fields,
    }),
  );

describe("creerPaiementSecurise", () => {
  it("sends PayFiP's SOAP 1.1 request and returns the idOp", async () => {
    answer.body = responseEnvelope("creerPaiementSecurise", [["idOp", "c0ffee"]]);
    await expect(client().creerPaiementSecurise(input)).resolves.toEqual({ idOp: "c0ffee" });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.contentType).toBe("text/xml; charset=utf-8");
    expect(request?.soapAction).toBe('""');
    const body = request?.body ?? "";
    expect(body).toContain(`xmlns:pai="${PAYFIP_SERVICE_NS}"`);
    const arg0 = innerXml(innerXml(body, "creerPaiementSecurise") ?? "", "arg0") ?? "";
    expect(arg0).toBe(
      "<exer>2026</exer><mel>famille.martin@example.fr</mel><montant>4250</montant>" +
        "<numcli>012345</numcli><objet>Reservations de Lea - vacances de Noel</objet>" +
        "<refdet>EF2026000123</refdet><saisie>T</saisie>" +
        "<urlnotif>https://famille.albertville.fr/payfip/notification</urlnotif>" +
        "<urlredirect>https://famille.albertville.fr/paiement/retour</urlredirect>",
    );
  });

  it("escapes & < > in what it sends", async () => {
    answer.body = responseEnvelope("creerPaiementSecurise", [["idOp", "c0ffee"]]);
    await client().creerPaiementSecurise({
      ...input,
      mel: "lea&hugo'martin@example.fr",
      urlredirect: "https://famille.albertville.fr/retour?p=12&h=3",
    });
    const body = requests[0]?.body ?? "";
    expect(body).toContain("<mel>lea&amp;hugo&apos;martin@example.fr</mel>");
    expect(body).toContain("<urlredirect>https://famille.albertville.fr/retour?p=12&amp;h=3<");
    expect(textOf(body, "mel")).toBe("lea&hugo'martin@example.fr");

    // The objet rule keeps < > & out, but the envelope escapes them all the same.
    const envelope = requestEnvelope("creerPaiementSecurise", [["objet", "<b>Léa & Hugo</b>"]]);
    expect(envelope).toContain("<objet>&lt;b&gt;Léa &amp; Hugo&lt;/b&gt;</objet>");
    expect(textOf(envelope, "objet")).toBe("<b>Léa & Hugo</b>");
  });

  it("refuses a request breaking a field rule without sending anything", async () => {
    const error = await client()
      .creerPaiementSecurise({ ...input, refdet: "EF-1", montant: 12.5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayfipRequestError);
    expect((error as PayfipRequestError).errors).toEqual([
      "La référence (refdet) doit comporter de 6 à 30 lettres ou chiffres, sans espace ni accent.",
      "Le montant doit être un nombre entier de centimes.",
    ]);
    expect((error as Error).message).toContain("refusée avant envoi");

    const badSettings = createPayfipClient({ endpoint, numcli: "12", saisie: "T" });
    await expect(badSettings.creerPaiementSecurise(input)).rejects.toThrow(/numcli/);
    expect(requests).toHaveLength(0);
  });

  it("turns a PayFiP fault into an error carrying its code and text", async () => {
    answer = {
      status: 500,
      body: faultEnvelope({
        code: "R3",
        libelle: "Le format du paramètre REFDET n'est pas conforme",
      }),
    };
    const error = await client()
      .creerPaiementSecurise(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayfipError);
    expect((error as PayfipError).code).toBe("R3");
    expect((error as Error).message).toContain("REFDET n'est pas conforme");
  });

  it("fails clearly on an answer that is not SOAP, or without idOp", async () => {
    answer = { status: 502, body: "<html>Bad gateway</html>" };
    await expect(client().creerPaiementSecurise(input)).rejects.toThrow(/HTTP 502/);
    answer = { status: 200, body: responseEnvelope("creerPaiementSecurise", []) };
    await expect(client().creerPaiementSecurise(input)).rejects.toThrow(/pas renvoyé d'idOp/);
  });

  it("fails clearly when PayFiP cannot be reached", async () => {
    const unreachable = createPayfipClient({
      endpoint: "http://127.0.0.1:1/tpa/services/securite",
      numcli: "012345",
      saisie: "T",
    });
    await expect(unreachable.creerPaiementSecurise(input)).rejects.toThrow(/injoignable/);
  });
});

describe("recupererDetailPaiementSecurise", () => {
  it("asks for the idOp and reads the detail", async () => {
    answer.body = detail({ mel: "lea&hugo@example.fr" });
    const outcome = await client().recupererDetailPaiementSecurise("abc");
    expect(textOf(requests[0]?.body ?? "", "idOp")).toBe("abc");
    expect(outcome).toEqual({
      status: "paid",
      detail: {
        idOp: "abc",
        numcli: "012345",
        exer: "2026",
        refdet: "EF2026000123",
        montant: 4250,
        mel: "lea&hugo@example.fr",
        objet: "Cantine",
        saisie: "T",
        resultrans: "P",
        numauto: "123456",
        dattrans: "01122026",
        heurtrans: "0805",
      },
    });
  });

  it.each([
    ["P", "paid"],
    ["V", "paid"],
    ["R", "refused"],
    ["Z", "refused"],
    ["A", "cancelled"],
  ])("resultrans %s → %s", async (resultrans, status) => {
    answer.body = detail({ resultrans, numauto: null });
    const outcome = await client().recupererDetailPaiementSecurise("abc");
    expect(outcome.status).toBe(status);
    expect("detail" in outcome && outcome.detail.numauto).toBe(null);
  });

  it("maps P5 to unknown_yet and P1 to unknown_op", async () => {
    answer = { status: 500, body: faultEnvelope({ code: "P5", libelle: "Résultat non connu" }) };
    await expect(client().recupererDetailPaiementSecurise("abc")).resolves.toEqual({
      status: "unknown_yet",
    });
    answer = { status: 500, body: faultEnvelope({ code: "P1", libelle: "IdOp incorrect." }) };
    await expect(client().recupererDetailPaiementSecurise("abc")).resolves.toEqual({
      status: "unknown_op",
    });
  });

  it("throws on any other fault, with its text", async () => {
    answer = {
      status: 500,
      body: faultEnvelope({
        kind: "TechIndisponibiliteErreur",
        code: "I1",
        libelle: "Service momentanément indisponible",
      }),
    };
    await expect(client().recupererDetailPaiementSecurise("abc")).rejects.toThrow(
      "PayFiP a refusé recupererDetailPaiementSecurise — I1 : Service momentanément indisponible",
    );
  });

  it("refuses an answer about another idOp or with an unknown result", async () => {
    answer.body = detail({ idOp: "other" });
    await expect(client().recupererDetailPaiementSecurise("abc")).rejects.toThrow(/autre idOp/);
    answer.body = detail({ resultrans: "Q" });
    await expect(client().recupererDetailPaiementSecurise("abc")).rejects.toThrow(/inconnu : Q/);
    answer.body = detail({ montant: "42,50" });
    await expect(client().recupererDetailPaiementSecurise("abc")).rejects.toThrow(/illisible/);
  });
});

describe("paymentPageUrl", () => {
  it("adds idop to PayFiP's page or the simulator's", () => {
    expect(paymentPageUrl(PAYFIP_PAYMENT_PAGE, "c0ffee")).toBe(
      "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=c0ffee",
    );
    expect(paymentPageUrl("http://localhost:3000/payfip-simulator/paiement", "a b")).toBe(
      "http://localhost:3000/payfip-simulator/paiement?idop=a%20b",
    );
    expect(paymentPageUrl("https://x.fr/p?lang=fr", "c0ffee")).toBe(
      "https://x.fr/p?lang=fr&idop=c0ffee",
    );
  });
});
