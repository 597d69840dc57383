import type { User } from '../../../contracts/users';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { canSeeUserAccess } from './policy';
import type { UserRow } from './queries';

/**
 * A staff user as the viewer may see them: colleagues see who someone is; admins and users.manage
 * also see access (permissions, TOTP) and the phone number.
 */
export function presentUser(viewer: StaffActor, row: UserRow): User {
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
