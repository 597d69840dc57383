import type { Permission, Role, StaffActor } from '../../server/platform/http/actor';

/** The staff user "me" of firm "firm" with a role and permissions, for pure policy tests. */
export const staffActor = (role: Role, perms: Permission[] = []): StaffActor => ({
  kind: 'user',
  firmId: 'firm',
  userId: 'me',
  role,
  permissions: perms,
  via: 'session',
});
