import type { z } from 'zod';
import type { teams } from '../../platform/db/schema';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { canLinkMatterContacts, canSeeUserAccess, canUpdateMatter } from './policy';
import {
  type ContactView,
  type MatterContactSummary,
  type MatterView,
  matterAccess,
  type UserRow,
} from './queries';
import type { contactOut, matterOut, portalStatus, teamKind, teamOut, userOut } from './schemas';

type PortalStatus = z.infer<typeof portalStatus>;

/**
 * A staff user as the viewer may see them: colleagues see who someone is; admins and users.manage
 * also see access (permissions, TOTP) and the phone number.
 */
export function presentUser(viewer: StaffActor, row: UserRow): z.infer<typeof userOut> {
  const base = {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (!canSeeUserAccess(viewer)) return base;
  return {
    ...base,
    permissions: row.permissions as Permission[],
    phone: row.phone,
    totpEnabled: row.totpEnabled,
  };
}

/** A team or circle with its member ids. */
export function presentTeam(row: typeof teams.$inferSelect, memberIds: string[]): z.infer<typeof teamOut> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as z.infer<typeof teamKind>,
    memberIds,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A contact for staff (portal credentials never leave the server). */
export function presentContact(view: ContactView): z.infer<typeof contactOut> {
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

/** A matter for staff with what the viewer may do to it; `contacts` adds the linked contacts' summary. */
export function presentMatter(
  viewer: StaffActor,
  view: MatterView,
  linked?: MatterContactSummary[],
): z.infer<typeof matterOut> {
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
