import { describe, expect, it } from "vitest";
import { consoleLogIn, familyLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// Thursday 3 December 2026, 08:00 in Albertville: Léa is booked for lunch and wakes up sick.
const e2e = useE2E({ appNow: "2026-12-03T08:00:00+01:00" });

const certificate = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Certificat médical — Léa Martin\n%%EOF\n",
);

describe("Signaler une absence", () => {
  it("a parent declares Léa sick this morning with a certificate; an agent accepts it; the family is mailed and the pointage says excused", async () => {
    const phone = await e2e.phonePage();
    await familyLogIn(phone);

    await phone.getByRole("link", { name: "Signaler une absence" }).click();
    await phone.getByRole("heading", { name: "Signaler une absence", level: 1 }).waitFor();
    await phone.getByRole("radio", { name: "Léa" }).check();
    // The day is today by default.
    expect(await phone.getByLabel("Jour de l'absence").inputValue()).toBe("2026-12-03");
    await phone.getByLabel("Motif").fill("Malade (fièvre)");

    // Without a certificate: refused on the field, in French, and what was typed stays.
    const submit = phone.getByRole("button", { name: "Signaler l'absence" });
    await submit.click();
    await phone.getByText("Joignez le certificat médical (PDF, JPEG ou PNG).").waitFor();
    expect(await phone.getByLabel("Motif").inputValue()).toBe("Malade (fièvre)");
    // A file that is neither a PDF nor an image is refused before it is sent.
    const file = phone.getByLabel("Certificat médical");
    await file.setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("pas un certificat"),
    });
    await phone.getByText("Ce fichier n'est ni un PDF, ni une image JPEG ou PNG.").waitFor();

    await file.setInputFiles({
      name: "certificat.pdf",
      mimeType: "application/pdf",
      buffer: certificate,
    });
    const box = await submit.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await submit.click();
    await phone
      .getByRole("status")
      .getByText("L'absence de Léa le jeudi 3 décembre est signalée.", { exact: false })
      .waitFor();
    const declared = phone.getByRole("article", { name: "Léa, jeudi 3 décembre" });
    await declared.getByText("En attente de vérification").waitFor();
    // The page fits the phone: no horizontal scroll.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );

    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByRole("link", { name: "Absences à vérifier" }).click();
    await desk.getByRole("heading", { name: "Absences à vérifier", level: 1 }).waitFor();
    const row = desk.getByRole("row", { name: /Léa Martin/ });
    await row.getByText("Restauration scolaire (midi)").waitFor();
    await row.getByText("Malade (fièvre)").waitFor();

    // The agent opens the certificate: the very file the parent sent, for staff eyes only.
    const link = row.getByRole("link", { name: "Ouvrir le certificat de Léa (certificat.pdf)" });
    const href = (await link.getAttribute("href")) ?? "";
    const opened = await desk.context().request.get(href);
    expect(opened.status()).toBe(200);
    expect(opened.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await opened.body()).equals(certificate)).toBe(true);
    const anonymous = await e2e.browser.newContext({ baseURL: e2e.server.url });
    expect((await anonymous.request.get(href)).status()).toBe(404);
    await anonymous.close();

    await row.getByRole("button", { name: "Accepter l'absence de Léa" }).click();
    await desk
      .getByRole("status")
      .getByText("le pointage indique « excusé » et la famille est prévenue par e-mail", {
        exact: false,
      })
      .waitFor();
    await desk.getByText("Aucune absence à vérifier.").waitFor();

    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.martin@example.fr") &&
        m.subject === "Absence justifiée : Léa — jeudi 3 décembre 2026",
    );
    expect(mail.text).toContain("Restauration scolaire (midi)");
    expect(mail.text).toContain("ne vous seront pas facturées");

    await desk.getByRole("link", { name: "Pointage" }).click();
    await desk.getByRole("heading", { name: "Pointage" }).waitFor();
    await desk
      .getByLabel("Activité")
      .selectOption({ label: "Restauration scolaire (midi) (Accueils périscolaires)" });
    await desk.getByLabel("Jour").fill("2026-12-03");
    await desk
      .getByRole("heading", { name: "Restauration scolaire (midi) — jeudi 3 décembre 2026" })
      .waitFor();
    await expect
      .poll(() =>
        desk.getByRole("button", { name: "Excusé — Léa Martin" }).getAttribute("aria-pressed"),
      )
      .toBe("true");
    await desk.getByText("Absence justifiée (certificat médical)", { exact: true }).waitFor();

    await phone.reload();
    await phone
      .getByRole("article", { name: "Léa, jeudi 3 décembre" })
      .getByText("Justifiée", { exact: true })
      .waitFor();
  });
});
