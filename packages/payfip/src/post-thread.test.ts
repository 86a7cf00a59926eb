import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayfipClient } from "./client";
import { post } from "./post";
import { postInThread } from "./post-thread";
import { createPayfipSimulator, payfipSimulatorUrls } from "./simulator";

/** A local endpoint: `/echo` answers what it was sent, `/late` after 300 ms, `/never` never. */
let server: Server;
let origin: string;
const hanging: ServerResponse[] = [];
const simulator = createPayfipSimulator({ basePath: "/payfip-simulator" });

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (simulator.handle(req, res, path)) return;
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const answer = () => {
        res.writeHead(path === "/echo" ? 500 : 200, {
          "content-type": "text/plain; charset=utf-8",
        });
        res.end(`${req.headers["x-marque"] ?? ""}|${body}`);
      };
      if (path === "/never") hanging.push(res);
      else if (path === "/late") setTimeout(answer, 300);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("PayFiP's calls from a thread of their own", () => {
  it("answers as the main thread's POST does: status, headers sent, body in UTF-8", async () => {
    const send = postInThread();
    try {
      const body = "montant=1250 & objet=Séjour d'été — Léa";
      const fromThread = await send(`${origin}/echo`, body, { "x-marque": "fil" }, 5000);
      const fromMain = await post(`${origin}/echo`, body, { "x-marque": "fil" }, 5000);
      expect(fromThread).toEqual({ status: 500, text: `fil|${body}` });
      expect(fromThread).toEqual(fromMain);
    } finally {
      await send.close();
    }
  });

  it("gives each of many calls at once its own answer", async () => {
    const send = postInThread();
    try {
      const bodies = Array.from({ length: 40 }, (_, i) => `appel ${i}`);
      const answers = await Promise.all(bodies.map((b) => send(`${origin}/echo`, b, {}, 5000)));
      expect(answers.map((a) => a.text)).toEqual(bodies.map((b) => `|${b}`));
    } finally {
      await send.close();
    }
  });

  it("fails as the main thread's POST fails: no answer in time, nobody listening", async () => {
    const send = postInThread();
    try {
      const late = await send(`${origin}/never`, "x", {}, 1000).catch((e: unknown) => e);
      expect(String(late)).toBe("Error: pas de réponse en 1 s");
      // A port nobody listens on: the server's own, once closed.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const refused = await send(`http://127.0.0.1:${port}/`, "x", {}, 1000).catch(
        (e: unknown) => e,
      );
      expect(String(refused)).toContain("ECONNREFUSED");
    } finally {
      await send.close();
    }
  });

  it("closes once the calls under way are answered; later calls go from the main thread", async () => {
    const send = postInThread();
    const underWay = send(`${origin}/late`, "en cours", {}, 5000);
    await send.close();
    await expect(underWay).resolves.toEqual({ status: 200, text: "|en cours" });
    await expect(send(`${origin}/echo`, "après", {}, 5000)).resolves.toEqual({
      status: 500,
      text: "|après",
    });
  });

  it("carries the PayFiP client's calls: creating a payment, then asking what became of it", async () => {
    const send = postInThread();
    try {
      const client = createPayfipClient({
        endpoint: payfipSimulatorUrls(origin).endpoint,
        numcli: "000000",
        saisie: "T",
        post: send,
      });
      const { idOp } = await client.creerPaiementSecurise({
        exer: "2026",
        mel: "parent@example.fr",
        montant: 1250,
        objet: "Accueil de loisirs",
        refdet: "EF2026FIL0001",
        urlnotif: `${origin}/payfip/notification`,
        urlredirect: `${origin}/retour`,
      });
      expect(idOp).toMatch(/\S/);
      await expect(client.recupererDetailPaiementSecurise(idOp)).resolves.toMatchObject({
        status: "unknown_yet",
      });
    } finally {
      await send.close();
    }
  });
});
