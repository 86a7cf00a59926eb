import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { auditLog, documents, news } from "@ef/db";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dataDirOf, errorOf, freshDb, makeCaller, manualClock } from "../../../test/helpers";
import { ZCreateDocumentSchema, ZCreateNewsSchema } from "./content.schemas";

const db = freshDb();
const clock = manualClock();
const admin = makeCaller(db, { who: "admin", clock }).caller;
const anonymous = makeCaller(db, { clock }).caller;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`).toString("base64");
const countOf = (table: typeof news | typeof documents) =>
  db.select({ n: count() }).from(table).get()?.n;
const documentFiles = () => readdirSync(join(dataDirOf(db), "documents"));

describe("admin.content.news", () => {
  it("a draft stays off the public home until published; unpublished, it goes off again", async () => {
    const draft = await admin.admin.content.news.create({
      title: "  Fermeture le 24 décembre ",
      body: "Les accueils ferment à 17:00.",
      publish: false,
    });
    expect(draft).toMatchObject({
      title: "Fermeture le 24 décembre",
      status: "draft",
      publishedAt: null,
    });
    const onHome = async () => (await anonymous.content.news()).map((n) => n.title);
    expect(await onHome()).not.toContain("Fermeture le 24 décembre");

    clock.advance(60_000);
    const published = await admin.admin.content.news.setStatus({
      id: draft.id,
      status: "published",
    });
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBe(clock().toISOString());
    expect((await onHome())[0]).toBe("Fermeture le 24 décembre");

    await admin.admin.content.news.update({
      id: draft.id,
      title: "Fermeture à 17:00 le 24 décembre",
      body: "Les accueils ferment à 17:00 le jeudi 24 décembre.",
    });
    expect((await anonymous.content.news())[0]).toMatchObject({
      title: "Fermeture à 17:00 le 24 décembre",
      body: "Les accueils ferment à 17:00 le jeudi 24 décembre.",
    });

    clock.advance(60_000);
    await admin.admin.content.news.setStatus({ id: draft.id, status: "unpublished" });
    expect(await onHome()).not.toContain("Fermeture à 17:00 le 24 décembre");
    // Published again, it keeps its first date.
    const again = await admin.admin.content.news.setStatus({ id: draft.id, status: "published" });
    expect(again.publishedAt).toBe(published.publishedAt);

    const list = await admin.admin.content.news.list();
    expect(list[0]?.id).toBe(draft.id);
    expect(list.map((n) => n.status)).toContain("draft"); // the seed's draft too

    const actions = db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entity, "news"))
      .all();
    expect(actions.map((a) => a.action)).toEqual([
      "news.create",
      "news.publish",
      "news.update",
      "news.unpublish",
      "news.publish",
    ]);
    expect(actions[2]?.before).toEqual({
      title: "Fermeture le 24 décembre",
      body: "Les accueils ferment à 17:00.",
    });
  });

  it("publishes at once when asked; a draft cannot be 'retired'", async () => {
    const item = await admin.admin.content.news.create({
      title: "Inscriptions été",
      body: "Ouverture le 1er juin.",
      publish: true,
    });
    expect(item.status).toBe("published");
    expect((await anonymous.content.news()).map((n) => n.title)).toContain("Inscriptions été");
    const draft = await admin.admin.content.news.create({ title: "B", body: "C", publish: false });
    expect(
      (await errorOf(admin.admin.content.news.setStatus({ id: draft.id, status: "unpublished" })))
        .code,
    ).toBe("CONFLICT");
  });

  it("refuses a missing title in French, on the field, and saves nothing", async () => {
    const before = countOf(news);
    const parsed = ZCreateNewsSchema.safeParse({ title: "  ", body: "", publish: true });
    expect(parsed.error?.flatten().fieldErrors).toEqual({
      title: ["Le titre est obligatoire."],
      body: ["Le texte de l'actualité est obligatoire."],
    });
    const refused = await errorOf(
      admin.admin.content.news.create({ title: " ", body: "Texte", publish: true }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(countOf(news)).toBe(before);
    expect(
      (await errorOf(admin.admin.content.news.update({ id: 9999, title: "A", body: "B" }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("admin.content.documents", () => {
  it("stores a PDF under DATA_DIR/documents and shows it on the public home while published", async () => {
    const doc = await admin.admin.content.documents.uploadPdf({
      title: "Menus de janvier 2027",
      description: "Cuisine centrale",
      category: "menus",
      published: true,
      file: { fileName: "C:\\Mes documents\\menus-janvier.pdf", contentBase64: pdf("menus") },
    });
    expect(doc).toMatchObject({
      title: "Menus de janvier 2027",
      category: "menus",
      fileName: "menus-janvier.pdf",
      published: true,
      url: `/documents/${doc.id}/menus-janvier.pdf`,
    });
    const row = db.select().from(documents).where(eq(documents.id, doc.id)).get();
    expect(row?.filePath).toMatch(/^documents\/[0-9a-f]{32}\.pdf$/);
    expect(row?.mimeType).toBe("application/pdf");
    expect(readFileSync(join(dataDirOf(db), row?.filePath ?? "")).toString()).toContain("menus");
    const publicDocs = async () => (await anonymous.content.documents()).map((d) => d.title);
    expect(await publicDocs()).toContain("Menus de janvier 2027");

    await admin.admin.content.documents.setPublished({ id: doc.id, published: false });
    expect(await publicDocs()).not.toContain("Menus de janvier 2027");
    const updated = await admin.admin.content.documents.update({
      id: doc.id,
      title: "Menus — janvier 2027",
      description: "",
      category: "menus",
    });
    expect(updated.title).toBe("Menus — janvier 2027");

    await admin.admin.content.documents.remove({ id: doc.id });
    expect(db.select().from(documents).where(eq(documents.id, doc.id)).get()).toBeUndefined();
    expect(existsSync(join(dataDirOf(db), row?.filePath ?? ""))).toBe(false);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entity, "document"))
      .all()
      .map((a) => a.action);
    expect(actions).toEqual([
      "document.create",
      "document.unpublish",
      "document.update",
      "document.delete",
    ]);
  });

  it("refuses a file that is not a PDF — by its name's claim or by its bytes — and keeps nothing", async () => {
    const rows = countOf(documents);
    const files = existsSync(join(dataDirOf(db), "documents")) ? documentFiles().length : 0;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]).toString(
      "base64",
    );
    const input = {
      title: "Tarifs",
      description: "",
      category: "tarifs" as const,
      published: true,
      file: { fileName: "tarifs.pdf", contentBase64: png },
    };
    // The form's check, with the server's schema: said on the field.
    expect(ZCreateDocumentSchema.safeParse(input).error?.issues[0]).toMatchObject({
      path: ["file", "contentBase64"],
      message: "Ce fichier n'est pas un PDF : enregistrez-le en PDF.",
    });
    expect((await errorOf(admin.admin.content.documents.uploadPdf(input))).code).toBe(
      "BAD_REQUEST",
    );
    // Bytes that start like a PDF's base64 but are not one.
    const fake = Buffer.from("%PDF/1.4 pas un pdf").toString("base64");
    expect(fake.startsWith("JVBERi")).toBe(true);
    const refused = await errorOf(
      admin.admin.content.documents.uploadPdf({
        ...input,
        file: { fileName: "tarifs.pdf", contentBase64: fake },
      }),
    );
    expect(refused.message).toBe("Ce fichier n'est pas un PDF : enregistrez-le en PDF.");
    const noTitle = await errorOf(
      admin.admin.content.documents.uploadPdf({
        ...input,
        title: "",
        file: { fileName: "tarifs.pdf", contentBase64: pdf("tarifs") },
      }),
    );
    expect(noTitle.code).toBe("BAD_REQUEST");
    expect(countOf(documents)).toBe(rows);
    const after = existsSync(join(dataDirOf(db), "documents")) ? documentFiles().length : 0;
    expect(after).toBe(files);
  });

  it("lists unpublished documents too, for the admin", async () => {
    const doc = await admin.admin.content.documents.uploadPdf({
      title: "Règlement 2027-2028 (projet)",
      description: "",
      category: "reglement",
      published: false,
      file: { fileName: "projet", contentBase64: pdf("projet") },
    });
    expect(doc.fileName).toBe("projet.pdf");
    const list = await admin.admin.content.documents.list();
    expect(list.find((d) => d.id === doc.id)?.published).toBe(false);
    expect(list.length).toBeGreaterThan((await anonymous.content.documents()).length);
  });
});
