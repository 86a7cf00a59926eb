import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunning } from "./boot";
import { loginAs, startDemoServer, trpcCall } from "./test-support";

let running: TRunning;
// A phone photo's size, well over the 1 MB that other calls may send.
const pdf = Buffer.concat([
  Buffer.from("%PDF-1.4\n% certificat de Léa\n"),
  Buffer.alloc(3_000_000, 0x20),
]);

beforeAll(async () => {
  running = await startDemoServer("ef-absence-files-", {
    // Thursday 3 December 2026, the morning Léa is booked for lunch.
    appNow: "2026-12-03T08:00:00+01:00",
  });
});
afterAll(() => running.stop());

describe("GET /fichiers/absences/:id", () => {
  it("serves a certificate to its family and to agents only", async () => {
    const martin = await loginAs(running, "F00001", "Martin-Albertville-2026", "parent");
    const { householdId } = running.db.$client
      .prepare("select household_id as householdId from users where login = 'f00001'")
      .get() as { householdId: number };
    const lea = running.db.$client
      .prepare("select id from children where first_name = 'Léa'")
      .get() as { id: number };
    const { id } = (await trpcCall(running, martin, "absences.declare", {
      householdId,
      childId: lea.id,
      date: "2026-12-03",
      reason: "Malade",
      certificate: { fileName: "certificat.pdf", contentBase64: pdf.toString("base64") },
    })) as { id: number };
    const url = `${running.url}/fichiers/absences/${id}`;

    const owner = await fetch(url, { headers: { cookie: martin } });
    expect(owner.status).toBe(200);
    expect(owner.headers.get("content-type")).toBe("application/pdf");
    expect(owner.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await owner.arrayBuffer()).equals(pdf)).toBe(true);

    const agent = await loginAs(running, "agent", "Guichet-Albertville-2026", "staff");
    const staff = await fetch(url, { headers: { cookie: agent } });
    expect(staff.status).toBe(200);
    expect(Buffer.from(await staff.arrayBuffer()).equals(pdf)).toBe(true);

    const bernard = await loginAs(running, "F00002", "Bernard-Albertville-2026", "parent");
    const other = await fetch(url, { headers: { cookie: bernard } });
    expect(other.status).toBe(404);
    expect(await other.text()).toBe("Fichier introuvable.");
    expect((await fetch(url)).status).toBe(404);
    expect(
      (await fetch(url, { headers: { cookie: "ef_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } }))
        .status,
    ).toBe(404);
    expect(
      (await fetch(`${running.url}/fichiers/absences/99999`, { headers: { cookie: agent } }))
        .status,
    ).toBe(404);
  });
});
