/** The signed-in staff user as `/api/v1/me` and login return it. */
export interface StaffUser {
  id: string;
  firmId: string;
  name: string;
  email: string;
  role: string;
  permissions: string[];
  totpEnabled?: boolean;
}

/** The answer of `GET /api/v1/me` and `POST /api/v1/auth/login`. */
export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export const ME_PATH = '/api/v1/me';
