import { documents, news } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, eq, isNotNull, lte } from "drizzle-orm";
import { z } from "zod";
import { publicProcedure } from "../trpc";

const ZNewsItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
});

const ZDocumentSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  category: z.enum(["reglement", "tarifs", "menus", "autre"]),
  sizeBytes: z.number(),
  /** Served by the server, public. */
  url: z.string(),
});

/** Public content of the home page: actualités and documents. */
export const contentRouter = {
  news: publicProcedure.output(z.array(ZNewsItemSchema)).query(({ ctx }) =>
    ctx.db
      .select({ id: news.id, title: news.title, body: news.body, publishedAt: news.publishedAt })
      .from(news)
      .where(
        and(
          eq(news.status, "published"),
          isNotNull(news.publishedAt),
          lte(news.publishedAt, ctx.now.toISOString()),
        ),
      )
      .orderBy(desc(news.publishedAt))
      .limit(20)
      .all()
      .map((n) => ({ ...n, publishedAt: n.publishedAt ?? "" })),
  ),

  documents: publicProcedure.output(z.array(ZDocumentSchema)).query(({ ctx }) =>
    ctx.db
      .select({
        id: documents.id,
        title: documents.title,
        description: documents.description,
        category: documents.category,
        sizeBytes: documents.sizeBytes,
        fileName: documents.fileName,
      })
      .from(documents)
      .where(eq(documents.published, true))
      .orderBy(documents.category, documents.title)
      .all()
      .map(({ fileName, ...d }) => ({
        ...d,
        url: `/documents/${d.id}/${encodeURIComponent(fileName)}`,
      })),
  ),
} satisfies TRPCRouterRecord;
