/** Whether a contact may sign in to the client portal. */
export type PortalStatus = 'none' | 'invited' | 'active';

/** A contact as `GET /api/v1/contacts[/:id]` answers it. */
export interface Contact {
  id: string;
  name: string;
  emails: { address: string; label: string | null }[];
  /** E.164. */
  phones: { number: string; label: string | null }[];
  address: string | null;
  coordinatorId: string | null;
  portal: { status: PortalStatus };
  /** Linked matters the caller may see. */
  matterIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** The body of `POST /api/v1/contacts` and `PATCH /api/v1/contacts/:id` (lists replace the stored ones). */
export interface ContactInput {
  name: string;
  phones: { number: string; label?: string }[];
  emails: { address: string; label?: string }[];
  address: string | null;
  coordinatorId: string | null;
}

/** A matter as `GET /api/v1/matters?contactId=` lists it (the fields the contact page shows). */
export interface LinkedMatter {
  id: string;
  number: string;
  name: string;
  status: 'open' | 'closed';
}
