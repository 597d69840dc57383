/** The signed-in contact as `/api/v1/portal/me` and portal login return it. */
export interface PortalContact {
  id: string;
  firmId: string;
  name: string;
  email: string;
}

/** The answer of `GET /api/v1/portal/me` and `POST /api/v1/portal/auth/login`. */
export interface PortalSession {
  contact: PortalContact;
  csrfToken: string;
}

export const PORTAL_ME_PATH = '/api/v1/portal/me';
