import type { StaffSessionOut } from '../../contracts/auth';

/**
 * The answer of `GET /api/v1/me` and `POST /api/v1/auth/login`. The browser signs in by cookie, so the
 * CSRF token that /me leaves null for API tokens is always there.
 */
export type StaffSession = StaffSessionOut;

export const ME_PATH = '/api/v1/me';
