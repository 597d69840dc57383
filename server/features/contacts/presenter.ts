import type { Contact, PortalStatus } from '../../../contracts/contacts';
import type { ContactView } from './queries';

/** A contact for staff (portal credentials never leave the server). */
export function presentContact(view: ContactView): Contact {
  const { row } = view;
  return {
    id: row.id,
    name: row.name,
    emails: view.emails.map((e) => ({ address: e.email, label: e.label })),
    phones: view.phones.map((p) => ({ number: p.e164, label: p.label })),
    address: row.address,
    coordinatorId: row.coordinatorId,
    portal: { status: row.portalStatus as PortalStatus },
    matterIds: view.matterIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
