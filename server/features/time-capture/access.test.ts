import { describe, expect, it } from 'vitest';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { canManageAllTime, canSetRates, canWorkOnTime, eventAbilities } from './access';

const actor = (role: Role, permissions: Permission[] = [], userId = 'u1'): StaffActor => ({
  kind: 'user',
  firmId: 'f',
  userId,
  role,
  permissions,
  via: 'session',
});

describe('time policy', () => {
  it('lets a timekeeper work on their own time only', () => {
    expect(canWorkOnTime(actor('attorney'), { userId: 'u1' })).toBe(true);
    expect(canWorkOnTime(actor('attorney'), { userId: 'u2' })).toBe(false);
    expect(canManageAllTime(actor('attorney'))).toBe(false);
    expect(canSetRates(actor('attorney'))).toBe(false);
  });

  it('lets billing managers and admins work on everyone’s time', () => {
    for (const a of [actor('staff', ['billing.manage']), actor('admin')]) {
      expect(canWorkOnTime(a, { userId: 'u2' })).toBe(true);
      expect(canManageAllTime(a)).toBe(true);
      expect(canSetRates(a)).toBe(true);
    }
  });

  it('does not count other permissions as billing', () => {
    expect(canManageAllTime(actor('attorney', ['secure_chat.view_all', 'settings.manage']))).toBe(false);
  });

  it('offers edit, dismiss and convert on open events, restore on dismissed ones, nothing on converted ones', () => {
    expect(eventAbilities({ status: 'open' })).toEqual({
      edit: true,
      dismiss: true,
      restore: false,
      convert: true,
    });
    expect(eventAbilities({ status: 'dismissed' })).toEqual({
      edit: false,
      dismiss: false,
      restore: true,
      convert: false,
    });
    expect(eventAbilities({ status: 'converted' })).toEqual({
      edit: false,
      dismiss: false,
      restore: false,
      convert: false,
    });
  });
});
