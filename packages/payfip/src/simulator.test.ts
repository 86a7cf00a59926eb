import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPayfipClient, paymentPageUrl, type TPaymentInput } from "./client";
import { createPayfipSimulator, payfipSimulatorUrls } from "./simulator";
import { requestEnvelope } from "./soap";

/** The town's server: the simulator under /payfip-simulator, and the notification URL. */
let server: Server;
let url: string;
let clock: Date;
let notifications: { idOp: string | null; contentType: string | undefined }[];
let notificationStatus: number;
const logs: string[] = [];

const simulator = createPayfipSimulator({
  basePath: "/payfip-simulator",
  now: () => clock,
  log: (message) => logs.push(message),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    if (simulator.handle(req, res, pathname)) return;
    if (pathname === "/payfip/notification" && req.method === "POST") {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => {
        notifications.push({
          idOp: new URLSearchParams(body).get("idOp"),
          contentType: req.headers["content-type"],
        });
        res.writeHead(notificationStatus).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  simulator.control.reset();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  simulator.control.reset();
  // 08:05 in Albertville.
  clock = new Date("2026-12-01T07:05:00Z");
  notifications = [];
  notificationStatus = 200;
  logs.length = 0;
});

const client = () =>
  createPayfipClient({
    endpoint: payfipSimulatorUrls(url).endpoint,
    numcli: "012345",
    saisie: "T",
  });

const input = (): TPaymentInput => ({
  exer: "2026",
  refdet: `EF2026${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`,
  montant: 4250,
  mel: "famille.martin@example.fr",
  objet: "Reservations de Lea - vacances de Noel",
  urlnotif: `${url}/payfip/notification`,
  urlredirect: `${url}/paiement/retour`,
});

async function create(change: Partial<TPaymentInput> = {}) {
  const req = { ...input(), ...change };
  const { idOp } = await client().creerPaiementSecurise(req);
  return { idOp, req };
}

function openPage(idOp: string) {
  return fetch(paymentPageUrl(payfipSimulatorUrls(url).paymentPage, idOp));
}

function submit(idOp: string, fields: Record<string, string>) {
  return fetch(`${url}/payfip-simulator/paiement`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ idop: idOp, ...fields }).toString(),
    redirect: "manual",
  });
}

const card = (carte: string) => ({
  action: "payer",
  carte,
  expiration: "09/28",
  cryptogramme: "123",
});
const pay = (idOp: string, carte = "4111 1111 1111 1111") => submit(idOp, card(carte));

describe("the card page", () => {
  it("shows who is paid, for what, how much, and the card fields", async () => {
    const { idOp } = await create();
    const response = await openPage(idOp);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain("<title>PayFiP — paiement par carte bancaire (simulateur)</title>");
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Ville d&#39;Albertville");
    expect(html).toContain("Reservations de Lea - vacances de Noel");
    expect(html).toMatch(/42,50\s€/);
    expect(html).toContain('<label for="carte">Numéro de carte</label>');
    expect(html).toContain('<label for="expiration">Date d&#39;expiration (MM/AA)</label>');
    expect(html).toContain('<label for="cryptogramme">Cryptogramme</label>');
    expect(html).toContain('value="payer">Payer</button>');
    expect(html).toContain('value="annuler">Annuler</button>');
    // Nothing that needs 'unsafe-inline': no script, no style attribute or element.
    expect(html).not.toMatch(/<script|style=|<style/);

    const css = await fetch(`${url}/payfip-simulator/simulateur.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("answers 404 in French for an unknown idop or page", async () => {
    const response = await openPage("0".repeat(32));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Ce lien de paiement n&#39;existe pas.");
    expect((await fetch(`${url}/payfip-simulator/autre`)).status).toBe(404);
  });

  it("leaves other paths to the server", async () => {
    expect((await fetch(`${url}/payfip-simulatorx`)).status).toBe(404);
    expect(notifications).toEqual([]);
  });
});

describe("the payment dance", () => {
  it("create → page → pay → notification → redirect → recuperer says paid", async () => {
    const { idOp, req } = await create();
    expect(idOp).toMatch(/^[0-9a-f]{32}$/);
    await expect(client().recupererDetailPaiementSecurise(idOp)).resolves.toEqual({
      status: "unknown_yet",
    });

    expect((await openPage(idOp)).status).toBe(200);
    const response = await pay(idOp);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(req.urlredirect);
    // PayFiP's way: a form POST carrying only idOp, before the browser comes back.
    expect(notifications).toEqual([{ idOp, contentType: "application/x-www-form-urlencoded" }]);

    const outcome = await client().recupererDetailPaiementSecurise(idOp);
    expect(outcome.status).toBe("paid");
    if (outcome.status !== "paid") return;
    expect(outcome.detail).toMatchObject({
      idOp,
      numcli: "012345",
      exer: "2026",
      refdet: req.refdet,
      montant: 4250,
      mel: req.mel,
      objet: req.objet,
      saisie: "T",
      resultrans: "P",
      dattrans: "01122026",
      heurtrans: "0805",
    });
    expect(outcome.detail.numauto).toMatch(/^\d{6}$/);
  });

  it("refuses the card 4000 0000 0000 0002", async () => {
    const { idOp } = await create();
    const response = await pay(idOp, "4000 0000 0000 0002");
    expect(response.status).toBe(303);
    expect(notifications.map((n) => n.idOp)).toEqual([idOp]);
    const outcome = await client().recupererDetailPaiementSecurise(idOp);
    expect(outcome.status).toBe("refused");
    expect(outcome.status === "refused" && outcome.detail).toMatchObject({
      resultrans: "R",
      numauto: null,
    });
  });

  it("cancels with Annuler, whatever the fields hold", async () => {
    const { idOp, req } = await create();
    const response = await submit(idOp, { action: "annuler", carte: "" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(req.urlredirect);
    const outcome = await client().recupererDetailPaiementSecurise(idOp);
    expect(outcome.status).toBe("cancelled");
    expect(outcome.status === "cancelled" && outcome.detail.resultrans).toBe("A");
  });

  it("shows the page again with French errors for a malformed card, and keeps what was typed", async () => {
    const { idOp } = await create();
    const response = await submit(idOp, {
      action: "payer",
      carte: "4111 1111 1111",
      expiration: "13/28",
      cryptogramme: "12",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Le numéro de carte doit comporter 16 chiffres.");
    expect(html).toContain(
      "La date d&#39;expiration doit être au format MM/AA, par exemple 09/28.",
    );
    expect(html).toContain("Le cryptogramme doit comporter 3 chiffres.");
    expect(html).toContain('value="4111 1111 1111"');
    expect(html).toContain('aria-invalid="true"');
    expect(notifications).toEqual([]);
    await expect(client().recupererDetailPaiementSecurise(idOp)).resolves.toEqual({
      status: "unknown_yet",
    });

    const expired = await submit(idOp, { ...card("4111111111111111"), expiration: "11/26" });
    expect(expired.status).toBe(422);
    expect(await expired.text()).toContain("Cette carte a expiré.");

    expect((await pay(idOp, "4111111111111111")).status).toBe(303);
  });

  it("refuses a second submit: « Ce paiement est déjà traité. »", async () => {
    const { idOp } = await create();
    expect((await pay(idOp)).status).toBe(303);
    const again = await submit(idOp, { action: "annuler" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Ce paiement est déjà traité.");
    const page = await openPage(idOp);
    expect(page.status).toBe(409);
    expect(notifications).toHaveLength(1);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("paid");
  });

  it("two submits at once decide the payment once", async () => {
    const { idOp } = await create();
    const answers = await Promise.all([pay(idOp), submit(idOp, { action: "annuler" })]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(notifications).toHaveLength(1);
  });
});

describe("idOp lifetime", () => {
  it("answers P1 for an idOp it never gave", async () => {
    await expect(client().recupererDetailPaiementSecurise("f".repeat(32))).resolves.toEqual({
      status: "unknown_op",
    });
  });

  it("answers P5 until the page is submitted, P1 once 15 minutes have passed", async () => {
    const { idOp } = await create();
    clock = new Date(clock.getTime() + 15 * 60_000 - 1);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("unknown_yet");
    clock = new Date(clock.getTime() + 1);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("unknown_op");

    const page = await openPage(idOp);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Ce lien de paiement a expiré");
    expect((await pay(idOp)).status).toBe(410);
    expect(notifications).toEqual([]);
  });

  it("keeps a decided payment readable after 15 minutes", async () => {
    const { idOp } = await create();
    await pay(idOp);
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("paid");
  });
});

describe("notification modes", () => {
  it("twice: the same notification comes two times", async () => {
    simulator.control.setNotificationMode("twice");
    const { idOp } = await create();
    await pay(idOp);
    expect(notifications.map((n) => n.idOp)).toEqual([idOp, idOp]);
  });

  it("never: no notification, but recuperer knows", async () => {
    simulator.control.setNotificationMode("never");
    const { idOp } = await create();
    expect((await pay(idOp)).status).toBe(303);
    await simulator.control.settled();
    expect(notifications).toEqual([]);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("paid");
  });

  it("late: the browser is back first, the notification comes after the delay", async () => {
    simulator.control.setNotificationMode("late", 50);
    const { idOp } = await create();
    const started = Date.now();
    expect((await pay(idOp)).status).toBe(303);
    expect(notifications).toEqual([]);
    await simulator.control.settled();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(notifications.map((n) => n.idOp)).toEqual([idOp]);
  });

  it("outOfOrder: an earlier idOp is notified first, then this one", async () => {
    const first = await create();
    const second = await create();
    simulator.control.setNotificationMode("outOfOrder");
    await pay(second.idOp);
    expect(notifications.map((n) => n.idOp)).toEqual([first.idOp, second.idOp]);
    // The earlier one is still undecided: asking about it says so.
    expect((await client().recupererDetailPaiementSecurise(first.idOp)).status).toBe("unknown_yet");
  });

  it("outOfOrder with no earlier idOp notifies just this one", async () => {
    simulator.control.setNotificationMode("outOfOrder");
    const { idOp } = await create();
    await pay(idOp);
    expect(notifications.map((n) => n.idOp)).toEqual([idOp]);
  });

  it("notify re-sends on demand; a failing urlnotif does not stop the redirect", async () => {
    const { idOp } = await create();
    notificationStatus = 500;
    expect((await pay(idOp)).status).toBe(303);
    notificationStatus = 200;
    await simulator.control.notify(idOp, 3);
    expect(notifications.map((n) => n.idOp)).toEqual([idOp, idOp, idOp, idOp]);
    const [op] = simulator.control.operations();
    expect(op).toMatchObject({ idOp, state: "P", notificationsSent: 4, notificationsFailed: 1 });
    expect(logs).toEqual([`notification ${idOp} → ${url}/payfip/notification : HTTP 500`]);
    await expect(simulator.control.notify("nope")).rejects.toThrow(/inconnue/);
  });

  it("reset forgets every operation and cancels late notifications", async () => {
    simulator.control.setNotificationMode("late", 30);
    const { idOp } = await create();
    await pay(idOp);
    simulator.control.reset();
    await simulator.control.settled();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(notifications).toEqual([]);
    expect(simulator.control.operations()).toEqual([]);
    expect((await client().recupererDetailPaiementSecurise(idOp)).status).toBe("unknown_op");
  });
});

describe("the SOAP side", () => {
  it("checks PayFiP's field rules itself and answers a FonctionnelleErreur", async () => {
    const response = await fetch(`${url}/payfip-simulator/ws`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8" },
      body: requestEnvelope("creerPaiementSecurise", [
        ["exer", "2026"],
        ["mel", "famille.martin@example.fr"],
        ["montant", "4250"],
        ["numcli", "012345"],
        ["objet", "Cantine"],
        ["refdet", "EF-1"],
        ["saisie", "T"],
        ["urlnotif", `${url}/payfip/notification`],
        ["urlredirect", `${url}/retour`],
      ]),
    });
    expect(response.status).toBe(500);
    const xml = await response.text();
    expect(xml).toContain("fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur");
    expect(xml).toContain("<code>R3</code>");
    expect(simulator.control.operations()).toEqual([]);
  });

  it("decodes what the client escaped", async () => {
    const { idOp } = await create({ mel: "lea&hugo'martin@example.fr" });
    await pay(idOp);
    const outcome = await client().recupererDetailPaiementSecurise(idOp);
    expect(outcome.status === "paid" && outcome.detail.mel).toBe("lea&hugo'martin@example.fr");
  });

  it("answers an unknown operation with a fault", async () => {
    const response = await fetch(`${url}/payfip-simulator/ws`, {
      method: "POST",
      body: requestEnvelope("supprimerPaiement", [["idOp", "x"]]),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("TechProtocolaireErreur");
  });
});
