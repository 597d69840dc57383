import { describe, expect, it } from 'vitest';
import { type Permission, permissions, type Role, roles, type StaffActor } from '../../platform/http/actor';
import { canViewConversation, conversationAbilities } from './policy';

const ME = 'me';
const actor = (role: Role, perms: Permission[] = []): StaffActor => ({
  kind: 'user',
  firmId: 'firm',
  userId: ME,
  role,
  permissions: perms,
  via: 'session',
});
const kinds = ['secure_chat', 'sms', 'message', 'portal_chat', 'internal'] as const;
const creators = [ME, 'someone-else', null] as const;
const NOTHING = { send: false, manageMembers: false, mute: false, end: false, delete: false };

describe('canViewConversation', () => {
  it('lets members see a conversation of any kind', () => {
    for (const kind of kinds)
      expect(canViewConversation(actor('staff'), { kind, createdBy: 'x' }, true)).toBe(true);
  });

  it('lets holders of secure_chat.view_all (and admins) see every secure chat, and only secure chats', () => {
    const viewer = actor('staff', ['secure_chat.view_all']);
    expect(canViewConversation(viewer, { kind: 'secure_chat', createdBy: 'x' }, false)).toBe(true);
    expect(canViewConversation(actor('admin'), { kind: 'secure_chat', createdBy: 'x' }, false)).toBe(true);
    for (const kind of kinds.filter((k) => k !== 'secure_chat')) {
      expect(canViewConversation(viewer, { kind, createdBy: 'x' }, false)).toBe(false);
      expect(canViewConversation(actor('admin'), { kind, createdBy: 'x' }, false)).toBe(false);
    }
  });

  it('hides a conversation from a non-member without the permission, even its (removed) creator', () => {
    for (const role of roles.filter((r) => r !== 'admin'))
      for (const kind of kinds)
        expect(canViewConversation(actor(role, ['message_center.use']), { kind, createdBy: ME }, false)).toBe(
          false,
        );
  });

  it('matches its rule for every role, permission set, kind, creator and membership', () => {
    for (const role of roles)
      for (const perm of [undefined, ...permissions])
        for (const kind of kinds)
          for (const createdBy of creators)
            for (const member of [true, false]) {
              const a = actor(role, perm ? [perm] : []);
              const expected =
                member || (kind === 'secure_chat' && (role === 'admin' || perm === 'secure_chat.view_all'));
              expect(canViewConversation(a, { kind, createdBy }, member)).toBe(expected);
            }
  });
});

describe('conversationAbilities', () => {
  it('gives the creator every ability on a secure chat', () => {
    expect(conversationAbilities(actor('attorney'), { kind: 'secure_chat', createdBy: ME }, true)).toEqual({
      send: true,
      manageMembers: true,
      mute: true,
      end: true,
      delete: true,
    });
  });

  it('lets another member send and mute only', () => {
    expect(conversationAbilities(actor('attorney'), { kind: 'secure_chat', createdBy: 'x' }, true)).toEqual({
      ...NOTHING,
      send: true,
      mute: true,
    });
  });

  it('lets a view_all reader read only, and an admin reader also delete', () => {
    const c = { kind: 'secure_chat', createdBy: 'x' };
    expect(conversationAbilities(actor('staff', ['secure_chat.view_all']), c, false)).toEqual(NOTHING);
    expect(conversationAbilities(actor('admin'), c, false)).toEqual({ ...NOTHING, delete: true });
  });

  it('keeps "end" to secure chats', () => {
    for (const kind of kinds.filter((k) => k !== 'secure_chat'))
      expect(conversationAbilities(actor('attorney'), { kind, createdBy: ME }, true).end).toBe(false);
  });

  it('grants nothing to whoever may not see the conversation', () => {
    expect(conversationAbilities(actor('admin'), { kind: 'internal', createdBy: 'x' }, false)).toEqual(
      NOTHING,
    );
    expect(conversationAbilities(actor('attorney'), { kind: 'secure_chat', createdBy: ME }, false)).toEqual(
      NOTHING,
    );
  });

  it('matches its rules for every role, permission set, kind, creator and membership', () => {
    for (const role of roles)
      for (const perm of [undefined, ...permissions])
        for (const kind of kinds)
          for (const createdBy of creators)
            for (const member of [true, false]) {
              const a = actor(role, perm ? [perm] : []);
              const c = { kind, createdBy };
              const got = conversationAbilities(a, c, member);
              if (!canViewConversation(a, c, member)) {
                expect(got).toEqual(NOTHING);
                continue;
              }
              const creator = createdBy === ME;
              expect(got).toEqual({
                send: member,
                manageMembers: creator,
                mute: member,
                end: creator && kind === 'secure_chat',
                delete: creator || role === 'admin',
              });
            }
  });
});
