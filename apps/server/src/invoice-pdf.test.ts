import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunning } from "./boot";
import { loginAs, startDemoServer, trpcCall } from "./test-support";

let running: TRunning;

beforeAll(async () => {
  running = await startDemoServer("ef-invoice-pdf-", {
    appNow: "2026-12-01T08:00:00+01:00",
  });
});
afterAll(() => running.stop());

describe("GET /factures/:id", () => {
  it("serves the invoice's PDF to its family and to staff, 404 to anyone else", async () => {
    const db = running.db.$client;
    const lea = db.prepare("select id from children where first_name = 'Léa'").get() as {
      id: number;
    };
    const resto = db.prepare("select id from activities where code = 'restauration'").get() as {
      id: number;
    };
    db.prepare(
      "insert into reservations (child_id, activity_id, date, status, price_cents, created_at) values (?, ?, '2026-11-05', 'booked', 380, '2026-10-01T08:00:00.000Z')",
    ).run(lea.id, resto.id);
    const agent = await loginAs(running, "agent", "Guichet-Albertville-2026", "staff");
    await trpcCall(running, agent, "staff.billing.issue", { month: "2026-11" });
    const invoice = db
      .prepare("select id, number from invoices where month = '2026-11' and kind = 'facture'")
      .get() as { id: number; number: string };
    const url = `${running.url}/factures/${invoice.id}/${invoice.number}.pdf`;

    const martin = await loginAs(running, "F00001", "Martin-Albertville-2026", "parent");
    const owner = await fetch(url, { headers: { cookie: martin } });
    expect(owner.status).toBe(200);
    expect(owner.headers.get("content-type")).toBe("application/pdf");
    expect(owner.headers.get("cache-control")).toBe("private, no-store");
    const body = Buffer.from(await owner.arrayBuffer()).toString("latin1");
    expect(body.startsWith("%PDF-1.4")).toBe(true);
    expect(body).toContain(invoice.number);

    expect((await fetch(url, { headers: { cookie: agent } })).status).toBe(200);
    const bernard = await loginAs(running, "F00002", "Bernard-Albertville-2026", "parent");
    expect((await fetch(url, { headers: { cookie: bernard } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
    expect(
      (await fetch(`${running.url}/factures/999999`, { headers: { cookie: agent } })).status,
    ).toBe(404);
  });
});
