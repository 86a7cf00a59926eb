/**
 * The PayFiP simulator in a process of its own, for `pnpm bench:rush`: PayFiP is another
 * machine, and in the bench's own process its answers waited behind the 2,000 families' traffic.
 * Before it says it is ready it takes PAYFIP_HOST_WARM payments (400) through its own HTTP
 * interface — creation, card form, notification, detail — as a service running for months has
 * long compiled its code: a process just started pays the first hundreds of payments with code
 * not yet optimized, on the same two cores as the server under test.
 * Prints its port on the first line, stops on SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createPayfipClient, createPayfipSimulator, post, simulatorPaymentForm } from "@ef/payfip";

const WARM = Number(process.env.PAYFIP_HOST_WARM ?? 400);

const simulator = createPayfipSimulator({ basePath: "/payfip-simulator" });
const host = createServer((req, res) => {
  const pathname = new URL(req.url ?? "/", "http://simulateur").pathname;
  if (!simulator.handle(req, res, pathname)) res.writeHead(404).end();
});

/** Its warm-up's payments, four at a time; their notifications go to a receiver that says OK. */
async function warmUp(origin: string): Promise<void> {
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("OK"));
  });
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
  const back = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/retour`;
  const client = createPayfipClient({
    endpoint: `${origin}/payfip-simulator/ws`,
    numcli: "000000",
    saisie: "T",
  });
  let next = 0;
  const one = async (i: number) => {
    const { idOp } = await client.creerPaiementSecurise({
      exer: "2026",
      refdet: `CHAUFFE${String(i).padStart(6, "0")}`,
      montant: 1000 + i,
      mel: "chauffe@example.org",
      objet: "Chauffe du simulateur",
      urlnotif: back,
      urlredirect: back,
    });
    const paid = await post(
      `${origin}/payfip-simulator/paiement`,
      simulatorPaymentForm(idOp),
      { "content-type": "application/x-www-form-urlencoded" },
      10_000,
    );
    if (paid.status !== 303) throw new Error(`chauffe : paiement HTTP ${paid.status}`);
    const detail = await client.recupererDetailPaiementSecurise(idOp);
    if (detail.status !== "paid") throw new Error(`chauffe : ${idOp} ${detail.status}`);
  };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < WARM) await one(next++);
    }),
  );
  receiver.closeAllConnections();
  receiver.close();
}

host.listen(0, "127.0.0.1", async () => {
  const address = host.address();
  const port = typeof address === "object" && address ? address.port : 0;
  try {
    await warmUp(`http://127.0.0.1:${port}`);
    process.stdout.write(`${port}\n`);
  } catch (error) {
    // The bench reads the first line: it says why instead of a port.
    process.stdout.write(`chauffe en échec : ${String(error)}\n`);
    process.exitCode = 1;
    host.close();
  }
});
process.on("SIGTERM", () => {
  host.closeAllConnections();
  host.close();
});
