import { describe, expect, it } from 'vitest';
import { staffActor } from '../../../test/support/actors';
import { permissions, roles } from '../../platform/http/actor';
import { canCreateUser, canSeeUserAccess, canUpdateUser, selfLockout } from './policy';

describe('user management rules', () => {
  it('shows access details to admins and users.manage only', () => {
    expect(canSeeUserAccess(staffActor('admin'))).toBe(true);
    expect(canSeeUserAccess(staffActor('staff', ['users.manage']))).toBe(true);
    expect(canSeeUserAccess(staffActor('attorney', ['settings.manage']))).toBe(false);
  });

  it('lets admins create any user', () => {
    for (const role of roles)
      expect(canCreateUser(staffActor('admin'), { role, permissions: [...permissions] })).toBe(true);
  });

  it('lets users.manage create non-admins with no more permissions than they hold', () => {
    const manager = staffActor('staff', ['users.manage', 'message_center.use']);
    expect(canCreateUser(manager, { role: 'agent', permissions: ['message_center.use'] })).toBe(true);
    expect(canCreateUser(manager, { role: 'attorney', permissions: [] })).toBe(true);
    expect(canCreateUser(manager, { role: 'admin', permissions: [] })).toBe(false);
    expect(canCreateUser(manager, { role: 'staff', permissions: ['secure_chat.view_all'] })).toBe(false);
  });

  it('refuses everyone else', () => {
    expect(canCreateUser(staffActor('attorney'), { role: 'staff', permissions: [] })).toBe(false);
  });

  it('lets only admins change users', () => {
    for (const role of roles)
      expect(canUpdateUser(staffActor(role, [...permissions]))).toBe(role === 'admin');
  });
});

describe('selfLockout', () => {
  const admin = staffActor('admin');

  it('stops admins deactivating themselves or dropping their admin role', () => {
    expect(selfLockout(admin, 'me', { active: false })).toMatch(/deactivate/);
    for (const role of roles.filter((r) => r !== 'admin'))
      expect(selfLockout(admin, 'me', { role })).toMatch(/administrator role/);
  });

  it('allows harmless changes to oneself', () => {
    expect(selfLockout(admin, 'me', { role: 'admin', active: true })).toBeNull();
    expect(selfLockout(admin, 'me', {})).toBeNull();
  });

  it('never refuses changes to someone else', () => {
    expect(selfLockout(admin, 'other', { role: 'staff', active: false })).toBeNull();
  });
});
