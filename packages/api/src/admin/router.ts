import type { TRPCRouterRecord } from "@trpc/server";
import { auditRouter } from "./audit/router";
import { catalogueRouter } from "./catalogue/router";
import { contentAdminRouter } from "./content/router";
import { seasonsRouter } from "./seasons/router";
import { staffAccountsRouter } from "./staff-accounts/router";

/** Admins' areas: staff accounts, news and documents, the audit log. */
export const adminRouter = {
  staffAccounts: staffAccountsRouter,
  content: contentAdminRouter,
  audit: auditRouter,
  seasons: seasonsRouter,
  catalogue: catalogueRouter,
} satisfies TRPCRouterRecord;
