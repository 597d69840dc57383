import type { PortalStatus } from '../../../contracts/contacts';
import type { Matter } from '../../../contracts/matters';
import type { StaffActor } from '../../platform/http/actor';
import { canLinkMatterContacts, canUpdateMatter, matterAccess } from './access';
import type { MatterContactSummary, MatterView } from './queries';

/** A matter for staff with what the viewer may do to it; `contacts` adds the linked contacts' summary. */
export function presentMatter(viewer: StaffActor, view: MatterView, linked?: MatterContactSummary[]): Matter {
  const { row } = view;
  const access = matterAccess(view);
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.ownerId,
    assigneeIds: view.assigneeIds,
    status: row.status as 'open' | 'closed',
    contactIds: view.contactIds,
    ...(linked
      ? {
          contacts: linked.map((c) => ({
            id: c.id,
            name: c.name,
            portal: { status: c.portalStatus as PortalStatus },
          })),
        }
      : {}),
    abilities: {
      update: canUpdateMatter(viewer, access),
      linkContacts: canLinkMatterContacts(viewer, access),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
