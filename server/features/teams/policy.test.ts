import { describe, expect, it } from 'vitest';
import { staffActor } from '../../../test/support/actors';
import { canManageTeams } from './policy';

describe('canManageTeams', () => {
  it('is for admins and settings.manage', () => {
    expect(canManageTeams(staffActor('admin'))).toBe(true);
    expect(canManageTeams(staffActor('staff', ['settings.manage']))).toBe(true);
    expect(canManageTeams(staffActor('agent', ['message_center.use', 'users.manage']))).toBe(false);
  });
});
