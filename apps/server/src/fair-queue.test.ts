import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { servedInTurn } from "./fair-queue";

let server: Server | null = null;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  server?.closeAllConnections();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  server = null;
});

function listen(s: Server): Promise<number> {
  server = s;
  return new Promise((ok) =>
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      ok(typeof address === "object" && address ? address.port : 0);
    }),
  );
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res: IncomingMessage) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** `n` raw connections, open before anything is sent on them (closed after each test). */
function connectPhones(port: number, n: number): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Socket>((ok) => {
          const socket = connect(port, "127.0.0.1", () => ok(socket));
          sockets.push(socket);
        }),
    ),
  );
}

/** Keeps the thread busy for `ms`, as a request that computes would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // computing
  }
}

describe("servedInTurn", () => {
  it("answers every request, in the order they arrived, with the time each was read", async () => {
    const served: string[] = [];
    const port = await listen(
      createServer(
        servedInTurn((req, res, arrivedAt) => {
          served.push(req.url ?? "");
          res.end(`${req.url} ${arrivedAt <= performance.now() ? "lu" : "futur"}`);
        }),
      ),
    );
    const answers = [];
    for (const path of ["/a", "/b", "/c"]) answers.push(await get(port, path));
    expect(answers).toEqual([
      { status: 200, body: "/a lu" },
      { status: 200, body: "/b lu" },
      { status: 200, body: "/c lu" },
    ]);
    expect(served).toEqual(["/a", "/b", "/c"]);
  });

  it("takes new connections while a pile of requests is being served", async () => {
    // 40 requests are read at once on open connections, each taking 5 ms of the thread. A phone
    // that connects meanwhile is accepted long before the pile is through, and its request
    // queues behind the ones already read rather than behind everything that arrives later.
    const servedWhenConnected = new Map<number, number>();
    let servedCount = 0;
    const s = createServer(
      servedInTurn((req, res) => {
        if (req.url !== "/nouveau") busy(5);
        servedCount++;
        res.end(req.url);
      }),
    );
    s.on("connection", (socket: Socket) =>
      servedWhenConnected.set(socket.remotePort ?? 0, servedCount),
    );
    const port = await listen(s);
    const pile = await connectPhones(port, 40);
    const pileDone = Promise.all(
      pile.map(
        (socket, i) =>
          new Promise<void>((ok) => {
            socket.once("data", () => ok());
            socket.write(`GET /pile-${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
          }),
      ),
    );
    // Let the pile be read, then a new phone connects.
    await new Promise((ok) => setTimeout(ok, 20));
    const [phone] = await connectPhones(port, 1);
    if (!phone) throw new Error("pas de connexion");
    const late = new Promise<string>((ok) => phone.once("data", (d) => ok(String(d))));
    phone.write("GET /nouveau HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await late).toMatch(/^HTTP\/1\.1 200[\s\S]*\/nouveau$/);
    await pileDone;
    // The new connection came in while requests of the pile were still waiting.
    expect(servedWhenConnected.get(phone.localPort ?? -1)).toBeLessThan(40);
    expect(servedCount).toBe(41);
  });

  it("skips a request whose phone left before sending it whole, and serves the next ones", async () => {
    const served: string[] = [];
    let accepted = 0;
    const s = createServer(
      servedInTurn((req, res) => {
        served.push(req.url ?? "");
        if (req.url?.startsWith("/lent")) busy(60);
        res.end("ok");
      }),
    );
    s.on("connection", () => accepted++);
    const port = await listen(s);
    // Four phones connected beforehand; three ask for slow pages, the fourth sends 10 bytes of a
    // POST announcing 100 and goes away while the slow pages are served.
    const phones = await connectPhones(port, 4);
    while (accepted < 4) await new Promise((ok) => setTimeout(ok, 5));
    const slow = phones.slice(0, 3).map(
      (socket, i) =>
        new Promise<string>((ok) => {
          socket.once("data", (d) => ok(String(d)));
          socket.write(`GET /lent-${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
        }),
    );
    const quitter = phones[3] as Socket;
    quitter.write("POST /parti HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
    quitter.destroy();
    for (const answer of await Promise.all(slow)) expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await get(port, "/suite")).toEqual({ status: 200, body: "ok" });
    expect(served.filter((u) => !u.startsWith("/lent"))).toEqual(["/suite"]);
  });

  it("answers 500 when a handler throws, and goes on with the next requests", async () => {
    const port = await listen(
      createServer(
        servedInTurn((req, res) => {
          if (req.url === "/panne") throw new Error("panne");
          res.end("ok");
        }),
      ),
    );
    expect((await get(port, "/panne")).status).toBe(500);
    expect(await get(port, "/suite")).toEqual({ status: 200, body: "ok" });
  });
});
