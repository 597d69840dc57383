import { describe, expect, it } from 'vitest';
import { type Permission, permissions, type Role, roles, type StaffActor } from '../../platform/http/actor';
import {
  canCreateUser,
  canLinkMatterContacts,
  canManageTeams,
  canSeeUserAccess,
  canUpdateMatter,
  canUpdateUser,
  canViewMatter,
  selfLockout,
} from './policy';

const ME = 'me';
const actor = (role: Role, perms: Permission[] = []): StaffActor => ({
  kind: 'user',
  firmId: 'firm',
  userId: ME,
  role,
  permissions: perms,
  via: 'session',
});

describe('canViewMatter', () => {
  const theirs = { ownerId: 'other', assigneeIds: ['someone'] };

  it('lets admins see every matter', () => {
    expect(canViewMatter(actor('admin'), theirs)).toBe(true);
  });

  it('lets holders of matters.view_all see every matter', () => {
    for (const role of roles) expect(canViewMatter(actor(role, ['matters.view_all']), theirs)).toBe(true);
  });

  it('lets the owner and the assignees see it', () => {
    for (const role of roles) {
      expect(canViewMatter(actor(role), { ownerId: ME, assigneeIds: [] })).toBe(true);
      expect(canViewMatter(actor(role), { ownerId: 'other', assigneeIds: ['x', ME] })).toBe(true);
    }
  });

  it('hides it from every other non-admin, whatever other permissions they hold', () => {
    // secure_chat.view_all among them: reading every secure chat is not reading every matter.
    const others = permissions.filter((p) => p !== 'matters.view_all');
    for (const role of roles.filter((r) => r !== 'admin')) {
      expect(canViewMatter(actor(role), theirs)).toBe(false);
      expect(canViewMatter(actor(role, others), theirs)).toBe(false);
    }
  });
});

describe('canUpdateMatter and canLinkMatterContacts', () => {
  it('lets admins and the owner change a matter, not assignees or view_all holders', () => {
    expect(canUpdateMatter(actor('admin'), { ownerId: 'other', assigneeIds: [] })).toBe(true);
    expect(canUpdateMatter(actor('attorney'), { ownerId: ME, assigneeIds: [] })).toBe(true);
    expect(canUpdateMatter(actor('attorney'), { ownerId: 'other', assigneeIds: [ME] })).toBe(false);
    expect(
      canUpdateMatter(actor('staff', ['secure_chat.view_all']), { ownerId: 'other', assigneeIds: [] }),
    ).toBe(false);
  });

  it('lets whoever sees a matter link its contacts', () => {
    expect(canLinkMatterContacts(actor('attorney'), { ownerId: 'other', assigneeIds: [ME] })).toBe(true);
    expect(canLinkMatterContacts(actor('attorney'), { ownerId: 'other', assigneeIds: [] })).toBe(false);
  });
});

describe('user management rules', () => {
  it('shows access details to admins and users.manage only', () => {
    expect(canSeeUserAccess(actor('admin'))).toBe(true);
    expect(canSeeUserAccess(actor('staff', ['users.manage']))).toBe(true);
    expect(canSeeUserAccess(actor('attorney', ['settings.manage']))).toBe(false);
  });

  it('lets admins create any user', () => {
    for (const role of roles)
      expect(canCreateUser(actor('admin'), { role, permissions: [...permissions] })).toBe(true);
  });

  it('lets users.manage create non-admins with no more permissions than they hold', () => {
    const manager = actor('staff', ['users.manage', 'message_center.use']);
    expect(canCreateUser(manager, { role: 'agent', permissions: ['message_center.use'] })).toBe(true);
    expect(canCreateUser(manager, { role: 'attorney', permissions: [] })).toBe(true);
    expect(canCreateUser(manager, { role: 'admin', permissions: [] })).toBe(false);
    expect(canCreateUser(manager, { role: 'staff', permissions: ['secure_chat.view_all'] })).toBe(false);
  });

  it('refuses everyone else', () => {
    expect(canCreateUser(actor('attorney'), { role: 'staff', permissions: [] })).toBe(false);
  });

  it('lets only admins change users', () => {
    for (const role of roles) expect(canUpdateUser(actor(role, [...permissions]))).toBe(role === 'admin');
  });
});

describe('selfLockout', () => {
  const admin = actor('admin');

  it('stops admins deactivating themselves or dropping their admin role', () => {
    expect(selfLockout(admin, ME, { active: false })).toMatch(/deactivate/);
    for (const role of roles.filter((r) => r !== 'admin'))
      expect(selfLockout(admin, ME, { role })).toMatch(/administrator role/);
  });

  it('allows harmless changes to oneself', () => {
    expect(selfLockout(admin, ME, { role: 'admin', active: true })).toBeNull();
    expect(selfLockout(admin, ME, {})).toBeNull();
  });

  it('never refuses changes to someone else', () => {
    expect(selfLockout(admin, 'other', { role: 'staff', active: false })).toBeNull();
  });
});

describe('canManageTeams', () => {
  it('is for admins and settings.manage', () => {
    expect(canManageTeams(actor('admin'))).toBe(true);
    expect(canManageTeams(actor('staff', ['settings.manage']))).toBe(true);
    expect(canManageTeams(actor('agent', ['message_center.use', 'users.manage']))).toBe(false);
  });
});
