// What other features may use of auth; every other file in this folder is auth's own.

export { authenticate } from './authenticate';
export { deviceCookieKey, issueDeviceCookie } from './device-cookie';
export { hashPassword } from './password';
export { type SessionLimits, sessionIsLive } from './policy';
export type { PortalLoginResult } from './portal-login';
export { claimPortalLogin } from './portal-logins';
export { sendPortalSignIn } from './portal-sign-in-reply';
export { authRoutes } from './routes';
export { staffPassword } from './schemas';
export { constantTimeEqual, randomSecret, sha256Hex, splitFirmSecret } from './secrets';
export {
  createSession,
  destroySubjectSessions,
  limitsOf,
  loadSessionStates,
  PORTAL_SESSION_COOKIE,
  resolveSession,
  SESSION_COOKIE,
  type SessionState,
} from './sessions';
export { type LoginAttempt, throttledCheck } from './throttle';
