import { type Permission, permissions, type Role } from '../../platform/http/actor';

/** Permissions a new user of a role gets unless the admin chooses otherwise. */
export function defaultPermissions(role: Role): Permission[] {
  switch (role) {
    case 'admin':
      return [...permissions];
    case 'attorney':
      return [];
    case 'staff':
      return [];
    case 'agent':
      return ['message_center.use'];
  }
}

/** What an audit entry may say about a user: access-relevant fields only, never credentials. */
export interface UserAccess {
  role: Role;
  permissions: Permission[];
  active: boolean;
}

/** One changed access field, before and after. */
export type Change<T> = { from: T; to: T };

/** The access fields that differ between two states of a user (permissions compared as sets). */
export function accessDiff(
  before: UserAccess,
  after: UserAccess,
): Partial<{ [K in keyof UserAccess]: Change<UserAccess[K]> }> {
  const diff: Partial<{ [K in keyof UserAccess]: Change<UserAccess[K]> }> = {};
  if (before.role !== after.role) diff.role = { from: before.role, to: after.role };
  if (before.active !== after.active) diff.active = { from: before.active, to: after.active };
  const was = [...before.permissions].sort();
  const is = [...after.permissions].sort();
  if (was.join() !== is.join()) diff.permissions = { from: was, to: is };
  return diff;
}
