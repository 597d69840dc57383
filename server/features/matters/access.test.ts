import { describe, expect, it } from 'vitest';
import { staffActor } from '../../../test/support/actors';
import { permissions, roles } from '../../platform/http/actor';
import { canLinkMatterContacts, canUpdateMatter, canViewMatter } from './access';

describe('canViewMatter', () => {
  const theirs = { ownerId: 'other', assigneeIds: ['someone'] };

  it('lets admins see every matter', () => {
    expect(canViewMatter(staffActor('admin'), theirs)).toBe(true);
  });

  it('lets holders of matters.view_all see every matter', () => {
    for (const role of roles)
      expect(canViewMatter(staffActor(role, ['matters.view_all']), theirs)).toBe(true);
  });

  it('lets the owner and the assignees see it', () => {
    for (const role of roles) {
      expect(canViewMatter(staffActor(role), { ownerId: 'me', assigneeIds: [] })).toBe(true);
      expect(canViewMatter(staffActor(role), { ownerId: 'other', assigneeIds: ['x', 'me'] })).toBe(true);
    }
  });

  it('hides it from every other non-admin, whatever other permissions they hold', () => {
    // secure_chat.view_all among them: reading every secure chat is not reading every matter.
    const others = permissions.filter((p) => p !== 'matters.view_all');
    for (const role of roles.filter((r) => r !== 'admin')) {
      expect(canViewMatter(staffActor(role), theirs)).toBe(false);
      expect(canViewMatter(staffActor(role, others), theirs)).toBe(false);
    }
  });
});

describe('canUpdateMatter and canLinkMatterContacts', () => {
  it('lets admins and the owner change a matter, not assignees or view_all holders', () => {
    expect(canUpdateMatter(staffActor('admin'), { ownerId: 'other', assigneeIds: [] })).toBe(true);
    expect(canUpdateMatter(staffActor('attorney'), { ownerId: 'me', assigneeIds: [] })).toBe(true);
    expect(canUpdateMatter(staffActor('attorney'), { ownerId: 'other', assigneeIds: ['me'] })).toBe(false);
    expect(
      canUpdateMatter(staffActor('staff', ['secure_chat.view_all']), { ownerId: 'other', assigneeIds: [] }),
    ).toBe(false);
  });

  it('lets whoever sees a matter link its contacts', () => {
    expect(canLinkMatterContacts(staffActor('attorney'), { ownerId: 'other', assigneeIds: ['me'] })).toBe(
      true,
    );
    expect(canLinkMatterContacts(staffActor('attorney'), { ownerId: 'other', assigneeIds: [] })).toBe(false);
  });
});
