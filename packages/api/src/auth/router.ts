import type { TRPCRouterRecord } from "@trpc/server";
import { changePassword } from "./change-password";
import { completePasswordReset } from "./complete-reset";
import { login } from "./login";
import { logout } from "./logout";
import { me } from "./me";
import { requestPasswordReset } from "./request-reset";
import { keepAlive, sessionStatus } from "./session-status";

export const authRouter = {
  login,
  logout,
  me,
  changePassword,
  requestPasswordReset,
  completePasswordReset,
  sessionStatus,
  keepAlive,
} satisfies TRPCRouterRecord;
