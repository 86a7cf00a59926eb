import { createServer, type Server } from "node:http";
import type { TDb } from "@ef/db";
import {
  createPayfipClient,
  createPayfipSimulator,
  paymentPageUrl,
  type TPayfipSimulator,
} from "@ef/payfip";
import { handleNotification, type TPayfipService } from "../src/payment/service";

/**
 * The PayFiP simulator on a real HTTP server on loopback, with our notification URL answering
 * for `db`: what API tests pay through.
 */
export async function startPayfip(db: TDb, now: () => Date) {
  let publicUrl = "";
  const simulator: TPayfipSimulator = createPayfipSimulator({ basePath: "/payfip-simulator", now });
  let payfip: TPayfipService | null = null;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (simulator.handle(req, res, path)) return;
    if (path === "/payfip/notification") {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const idOp = new URLSearchParams(body).get("idOp") ?? "";
        if (!payfip) return res.writeHead(503).end();
        handleNotification(db, payfip, idOp, now, publicUrl).then(
          () => res.writeHead(200).end("OK"),
          () => res.writeHead(500).end(),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  publicUrl = `http://127.0.0.1:${port}`;
  payfip = {
    client: createPayfipClient({
      endpoint: `${publicUrl}/payfip-simulator/ws`,
      numcli: "000000",
      saisie: "T",
    }),
    pageUrl: (idOp) => paymentPageUrl(`${publicUrl}/payfip-simulator/paiement`, idOp),
  };
  const service = payfip;

  /** What a parent does on the card page: type a card and press "Payer" (or "Annuler"). */
  async function submit(url: string, card: string | "annuler") {
    const idop = new URL(url).searchParams.get("idop") ?? "";
    const form = new URLSearchParams(
      card === "annuler"
        ? { idop, action: "annuler" }
        : { idop, carte: card, expiration: "12/30", cryptogramme: "123", action: "payer" },
    );
    const res = await fetch(`${publicUrl}/payfip-simulator/paiement`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    await simulator.control.settled();
    return res;
  }

  return {
    publicUrl,
    payfip: service,
    simulator,
    submit,
    /** The same PayFiP, down: its client calls where nothing listens. */
    down: (): TPayfipService => ({
      client: createPayfipClient({
        endpoint: "http://127.0.0.1:1/ws",
        numcli: "000000",
        saisie: "T",
      }),
      pageUrl: service.pageUrl,
    }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
