import { immediate, news } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { ZCreateNewsSchema, ZSetNewsStatusSchema, ZUpdateNewsSchema } from "./content.schemas";

const ZNewsRowSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  status: z.enum(["draft", "published", "unpublished"]),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const newsColumns = {
  id: news.id,
  title: news.title,
  body: news.body,
  status: news.status,
  publishedAt: news.publishedAt,
  createdAt: news.createdAt,
  updatedAt: news.updatedAt,
};

/** Every news item, drafts and unpublished ones included, newest first. */
export const listNews = adminProcedure
  .output(z.array(ZNewsRowSchema))
  .query(({ ctx }) =>
    ctx.db.select(newsColumns).from(news).orderBy(desc(news.createdAt), desc(news.id)).all(),
  );

/** "Nouvelle actualité": a draft, or published at once on the parents' home. */
export const createNews = adminProcedure
  .input(ZCreateNewsSchema)
  .output(ZNewsRowSchema)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const at = ctx.now.toISOString();
      const row = tx
        .insert(news)
        .values({
          title: input.title,
          body: input.body,
          status: input.publish ? "published" : "draft",
          publishedAt: input.publish ? at : null,
          createdAt: at,
          updatedAt: at,
        })
        .returning(newsColumns)
        .get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "news.create",
        entity: "news",
        entityId: row.id,
        after: { title: row.title, status: row.status },
      });
      return row;
    }),
  );

function loadNews(db: Parameters<typeof audit>[0], id: number) {
  const row = db.select(newsColumns).from(news).where(eq(news.id, id)).get();
  if (!row) throw appError("NOT_FOUND", "Cette actualité est introuvable.");
  return row;
}

/** Corrects the title or the text (a published item changes on the home at once). */
export const updateNews = adminProcedure
  .input(ZUpdateNewsSchema)
  .output(ZNewsRowSchema)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadNews(tx, input.id);
      const row = tx
        .update(news)
        .set({ title: input.title, body: input.body, updatedAt: ctx.now.toISOString() })
        .where(eq(news.id, input.id))
        .returning(newsColumns)
        .get();
      if (!row) throw appError("NOT_FOUND", "Cette actualité est introuvable.");
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "news.update",
        entity: "news",
        entityId: row.id,
        before: { title: before.title, body: before.body },
        after: { title: row.title, body: row.body },
      });
      return row;
    }),
  );

/**
 * "Publier" (on the home from now, dated today the first time) or "Retirer" (off the home; it
 * can be published again, keeping its first date).
 */
export const setNewsStatus = adminProcedure
  .input(ZSetNewsStatusSchema)
  .output(ZNewsRowSchema)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadNews(tx, input.id);
      if (before.status === input.status) return before;
      if (input.status === "unpublished" && before.status === "draft") {
        throw appError("CONFLICT", "Ce brouillon n'est pas publié : il n'y a rien à retirer.");
      }
      const at = ctx.now.toISOString();
      const row = tx
        .update(news)
        .set({
          status: input.status,
          publishedAt:
            input.status === "published" ? (before.publishedAt ?? at) : before.publishedAt,
          updatedAt: at,
        })
        .where(eq(news.id, input.id))
        .returning(newsColumns)
        .get();
      if (!row) throw appError("NOT_FOUND", "Cette actualité est introuvable.");
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: input.status === "published" ? "news.publish" : "news.unpublish",
        entity: "news",
        entityId: row.id,
        before: { title: before.title, status: before.status },
        after: { title: row.title, status: row.status },
      });
      return row;
    }),
  );
