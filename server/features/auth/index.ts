// What other features may use of auth; every other file in this folder is auth's own.

export { deviceCookieKey, issueDeviceCookie } from './device-cookie';
export { hashPassword } from './password';
export type { PortalLoginResult } from './portal-login';
export { claimPortalLogin } from './portal-logins';
export { sendPortalSignIn } from './portal-sign-in-reply';
export { constantTimeEqual, randomSecret, sha256Hex, splitFirmSecret } from './secrets';
export { createSession, destroySubjectSessions } from './sessions';
export { type LoginAttempt, throttledCheck } from './throttle';
