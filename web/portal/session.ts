import type { PortalSessionOut } from '../../contracts/auth';

/** The answer of `GET /api/v1/portal/me` and `POST /api/v1/portal/auth/login`. */
export type PortalSession = PortalSessionOut;

export const PORTAL_ME_PATH = '/api/v1/portal/me';
