export { generateTemporaryPassword, hashPassword, verifyDecoy, verifyPassword } from "./password";
export {
  checkSession,
  newSessionTimes,
  PARENT_RENEW_BELOW_MS,
  PARENT_SESSION_MS,
  STAFF_IDLE_MS,
  STAFF_MAX_MS,
  STAFF_WARNING_MS,
  type TSessionDecision,
  type TSessionKind,
  type TSessionTimes,
} from "./session-policy";
export { Throttle } from "./throttle";
export { constantTimeEqual, generateToken, hashToken } from "./tokens";
