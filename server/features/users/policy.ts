import { can, type Permission, type Role, type StaffActor } from '../../platform/http/actor';

/** Who sees colleagues' permissions and phone numbers (everyone else sees name, e-mail, role). */
export function canSeeUserAccess(actor: StaffActor): boolean {
  return can(actor, 'users.manage');
}

/**
 * Admins create any user; holders of users.manage create non-admins with at most the permissions
 * they hold themselves, so the permission cannot be used to escalate.
 */
export function canCreateUser(actor: StaffActor, user: { role: Role; permissions: readonly Permission[] }) {
  if (actor.role === 'admin') return true;
  if (!actor.permissions.includes('users.manage') || user.role === 'admin') return false;
  return user.permissions.every((p) => actor.permissions.includes(p));
}

/** Only admins change existing users. */
export function canUpdateUser(actor: StaffActor): boolean {
  return actor.role === 'admin';
}

/**
 * Why an admin may not apply this change to their own account (locking themselves out), or null.
 * Other users' accounts are never refused here.
 */
export function selfLockout(
  actor: StaffActor,
  userId: string,
  patch: { role?: Role; active?: boolean },
): string | null {
  if (userId !== actor.userId) return null;
  if (patch.active === false) return 'You cannot deactivate your own account.';
  if (patch.role !== undefined && patch.role !== 'admin' && actor.role === 'admin')
    return 'You cannot remove your own administrator role.';
  return null;
}
