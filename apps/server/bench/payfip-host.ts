/**
 * The PayFiP simulator in a process of its own, for `pnpm bench:rush`: PayFiP is another
 * machine, and in the bench's own process its answers waited behind the 2,000 families' traffic.
 * Prints its port on the first line, stops on SIGTERM.
 */
import { createServer } from "node:http";
import { createPayfipSimulator } from "@ef/payfip";

const simulator = createPayfipSimulator({ basePath: "/payfip-simulator" });
const host = createServer((req, res) => {
  const pathname = new URL(req.url ?? "/", "http://simulateur").pathname;
  if (!simulator.handle(req, res, pathname)) res.writeHead(404).end();
});
host.listen(0, "127.0.0.1", () => {
  const address = host.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => {
  host.closeAllConnections();
  host.close();
});
