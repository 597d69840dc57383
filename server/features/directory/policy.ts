import { can, type Permission, type Role, type StaffActor } from '../../platform/http/actor';

/** The parts of a matter that decide who may see and change it. */
export interface MatterAccess {
  ownerId: string;
  assigneeIds: readonly string[];
}

/** Admins, the owner, assignees and holders of matters.view_all see a matter; nobody else. */
export function canViewMatter(actor: StaffActor, matter: MatterAccess): boolean {
  return (
    can(actor, 'matters.view_all') ||
    matter.ownerId === actor.userId ||
    matter.assigneeIds.includes(actor.userId)
  );
}

/** Renaming, reassigning and closing a matter is for admins and its owner. */
export function canUpdateMatter(actor: StaffActor, matter: MatterAccess): boolean {
  return actor.role === 'admin' || matter.ownerId === actor.userId;
}

/** Whoever may see a matter may link its contacts (secure chat starts from them). */
export function canLinkMatterContacts(actor: StaffActor, matter: MatterAccess): boolean {
  return canViewMatter(actor, matter);
}

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

/** Creating teams and circles and changing their members is for admins and settings.manage. */
export function canManageTeams(actor: StaffActor): boolean {
  return can(actor, 'settings.manage');
}
