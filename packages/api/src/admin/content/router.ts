import type { TRPCRouterRecord } from "@trpc/server";
import {
  createDocument,
  deleteDocument,
  listDocuments,
  setDocumentPublished,
  updateDocument,
} from "./documents";
import { createNews, listNews, setNewsStatus, updateNews } from "./news";

/** "Contenus": news and public documents of the parents' public home. */
export const contentAdminRouter = {
  news: {
    list: listNews,
    create: createNews,
    update: updateNews,
    setStatus: setNewsStatus,
  },
  documents: {
    list: listDocuments,
    // Named `upload…`: the server lets calls of that name carry a file (a larger body).
    uploadPdf: createDocument,
    update: updateDocument,
    setPublished: setDocumentPublished,
    remove: deleteDocument,
  },
} satisfies TRPCRouterRecord;
