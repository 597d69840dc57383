import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { reachesStaff } from '../../../test/support/audience';
import { type Permission, permissions, type Role, roles, type StaffActor } from '../../platform/http/actor';
import { Problem } from '../../platform/http/problem';
import {
  abilities,
  audienceOf,
  type ConversationAbilities,
  type ConversationFor,
  canView,
  conversationRules,
  memberOnlyAudience,
  requireAbility,
  visibleConversations,
} from './access';
import type { ConversationRow } from './queries';

const ME = 'me';
const actor = (role: Role, perms: Permission[] = []): StaffActor => ({
  kind: 'user',
  firmId: 'firm',
  userId: ME,
  role,
  permissions: perms,
  via: 'session',
});
// Every kind the API knows, and one it does not: a kind without a rule must stay members-only.
const kinds = ['secure_chat', 'sms', 'message', 'portal_chat', 'internal', 'toy'] as const;
const creators = [ME, 'someone-else', null] as const;
const NOTHING = { send: false, manageMembers: false, mute: false, end: false, delete: false };

/** Every actor worth telling apart: each role with no permission and with each single one. */
function* everyActor() {
  for (const role of roles)
    for (const perm of [undefined, ...permissions]) yield actor(role, perm ? [perm] : []);
}

describe('canView', () => {
  it('lets members see a conversation of any kind', () => {
    for (const kind of kinds) expect(canView(conversationRules, actor('staff'), { kind }, true)).toBe(true);
  });

  it('lets holders of secure_chat.view_all (and admins) see every secure chat, and only secure chats', () => {
    const viewer = actor('staff', ['secure_chat.view_all']);
    expect(canView(conversationRules, viewer, { kind: 'secure_chat' }, false)).toBe(true);
    expect(canView(conversationRules, actor('admin'), { kind: 'secure_chat' }, false)).toBe(true);
    for (const kind of kinds.filter((k) => k !== 'secure_chat')) {
      expect(canView(conversationRules, viewer, { kind }, false)).toBe(false);
      if (kind !== 'sms') expect(canView(conversationRules, actor('admin'), { kind }, false)).toBe(false);
    }
  });

  it('lets Message Center agents see the sms conversations of their teams, and supervisors every one', () => {
    const agent = actor('agent', ['message_center.use']);
    expect(canView(conversationRules, agent, { kind: 'sms' }, false, true)).toBe(true);
    expect(canView(conversationRules, agent, { kind: 'sms' }, false, false)).toBe(false);
    // Being in the team is not enough without the permission, and opens no other kind.
    expect(canView(conversationRules, actor('staff'), { kind: 'sms' }, false, true)).toBe(false);
    expect(canView(conversationRules, agent, { kind: 'secure_chat' }, false, true)).toBe(false);
    const supervisor = actor('staff', ['message_center.view_all']);
    expect(canView(conversationRules, supervisor, { kind: 'sms' }, false, false)).toBe(true);
    expect(canView(conversationRules, actor('admin'), { kind: 'sms' }, false, false)).toBe(true);
  });

  it('hides a conversation from a non-member without the permission', () => {
    for (const role of roles.filter((r) => r !== 'admin'))
      for (const kind of kinds)
        expect(canView(conversationRules, actor(role, ['message_center.use']), { kind }, false)).toBe(false);
  });

  it('matches its rule for every role, permission, kind and membership', () => {
    for (const a of everyActor())
      for (const kind of kinds)
        for (const member of [true, false])
          for (const inTeam of [true, false]) {
            const holds = (p: Permission) => a.role === 'admin' || a.permissions.includes(p);
            expect(canView(conversationRules, a, { kind }, member, inTeam)).toBe(
              member ||
                (kind === 'secure_chat' && holds('secure_chat.view_all')) ||
                (kind === 'sms' &&
                  (holds('message_center.view_all') || (inTeam && holds('message_center.use')))),
            );
          }
  });
});

describe('abilities', () => {
  it('gives the creator every ability on a secure chat', () => {
    expect(
      abilities(conversationRules, actor('attorney'), { kind: 'secure_chat', createdBy: ME }, true),
    ).toEqual({
      send: true,
      manageMembers: true,
      mute: true,
      end: true,
      delete: true,
    });
  });

  it('lets another member send and mute only', () => {
    expect(
      abilities(conversationRules, actor('attorney'), { kind: 'secure_chat', createdBy: 'x' }, true),
    ).toEqual({
      ...NOTHING,
      send: true,
      mute: true,
    });
  });

  it('lets a view_all reader read only, and an admin reader also delete', () => {
    const c = { kind: 'secure_chat', createdBy: 'x' };
    expect(abilities(conversationRules, actor('staff', ['secure_chat.view_all']), c, false)).toEqual(NOTHING);
    expect(abilities(conversationRules, actor('admin'), c, false)).toEqual({ ...NOTHING, delete: true });
  });

  it('keeps the creator removed from a secure chat in charge while view_all lets them see it', () => {
    expect(
      abilities(
        conversationRules,
        actor('attorney', ['secure_chat.view_all']),
        { kind: 'secure_chat', createdBy: ME },
        false,
      ),
    ).toEqual({ ...NOTHING, manageMembers: true, end: true, delete: true });
  });

  it('keeps "end" to secure chats', () => {
    for (const kind of kinds.filter((k) => k !== 'secure_chat'))
      expect(abilities(conversationRules, actor('attorney'), { kind, createdBy: ME }, true).end).toBe(false);
  });

  it('lets every viewer of an sms conversation write, members mute, admins delete, nobody manage members', () => {
    const agent = actor('agent', ['message_center.use']);
    expect(abilities(conversationRules, agent, { kind: 'sms', createdBy: null }, false, true)).toEqual({
      ...NOTHING,
      send: true,
    });
    expect(abilities(conversationRules, actor('admin'), { kind: 'sms', createdBy: null }, false)).toEqual({
      ...NOTHING,
      send: true,
      delete: true,
    });
  });

  it('grants nothing to whoever may not see the conversation', () => {
    expect(abilities(conversationRules, actor('admin'), { kind: 'internal', createdBy: 'x' }, false)).toEqual(
      NOTHING,
    );
    expect(
      abilities(conversationRules, actor('attorney'), { kind: 'secure_chat', createdBy: ME }, false),
    ).toEqual(NOTHING);
  });

  it('answers a fresh object each time, so a caller cannot change what others are told', () => {
    const first = abilities(conversationRules, actor('staff'), { kind: 'internal', createdBy: 'x' }, false);
    first.send = true;
    expect(abilities(conversationRules, actor('staff'), { kind: 'internal', createdBy: 'x' }, false)).toEqual(
      NOTHING,
    );
  });

  it('matches its rules for every role, permission, kind, creator and membership', () => {
    for (const a of everyActor())
      for (const kind of kinds)
        for (const createdBy of creators)
          for (const member of [true, false]) {
            const c = { kind, createdBy };
            const got = abilities(conversationRules, a, c, member);
            if (!canView(conversationRules, a, c, member)) {
              expect(got).toEqual(NOTHING);
              continue;
            }
            const creator = createdBy === ME;
            if (kind === 'sms') {
              expect(got).toEqual({ ...NOTHING, send: true, mute: member, delete: a.role === 'admin' });
              continue;
            }
            expect(got).toEqual({
              send: member,
              manageMembers: creator,
              mute: member,
              end: creator && kind === 'secure_chat',
              delete: creator || a.role === 'admin',
            });
          }
  });
});

describe('audienceOf', () => {
  it('addresses the members, and for secure chat the holders of secure_chat.view_all', () => {
    expect(audienceOf(conversationRules, { kind: 'secure_chat' }, ['a', 'b'])).toEqual({
      userIds: ['a', 'b'],
      permission: 'secure_chat.view_all',
    });
    expect(audienceOf(conversationRules, { kind: 'sms' }, ['a'], ['t1', 'a'])).toEqual({
      userIds: ['a', 't1'],
      permission: 'message_center.view_all',
    });
    for (const kind of kinds.filter((k) => k !== 'secure_chat' && k !== 'sms'))
      expect(audienceOf(conversationRules, { kind }, ['a'])).toEqual({ userIds: ['a'] });
  });

  it('reaches exactly those who may see the conversation, for every actor, kind and membership', () => {
    for (const a of everyActor())
      for (const kind of kinds)
        for (const member of [true, false])
          for (const inTeam of [true, false]) {
            const memberIds = member ? ['other', ME] : ['other'];
            // The caller passes the team's users who hold the rule's team permission.
            const holdsUse = a.role === 'admin' || a.permissions.includes('message_center.use');
            const teamIds = inTeam && holdsUse ? ['colleague', ME] : ['colleague'];
            expect(reachesStaff(audienceOf(conversationRules, { kind }, memberIds, teamIds), a)).toBe(
              canView(conversationRules, a, { kind }, member, inTeam),
            );
          }
  });

  it('keeps an event about one member’s own mute to that member', () => {
    expect(memberOnlyAudience('u1')).toEqual({ userIds: ['u1'] });
  });
});

describe('visibleConversations', () => {
  const render = (a: StaffActor) => new PgDialect().sqlToQuery(visibleConversations(conversationRules, a));

  it('always scopes to the actor’s firm, so another firm’s conversation is never found', () => {
    for (const a of everyActor()) {
      const { sql, params } = render(a);
      expect(sql).toContain('"conversations"."firm_id" = $1');
      expect(params[0]).toBe('firm');
    }
  });

  it('opens whole kinds only to holders of their permission', () => {
    // Kinds are written into the statement (isAnyWord), where partial indexes can match them.
    const wholeKinds = (a: StaffActor) =>
      render(a).sql.match(/"conversations"\."kind" (?:= '\w+'|in \([^)]*\))/g) ?? [];
    const opensSecureChat = (a: StaffActor) => wholeKinds(a).some((test) => test.includes("'secure_chat'"));
    expect(opensSecureChat(actor('staff'))).toBe(false);
    expect(opensSecureChat(actor('agent', ['message_center.use']))).toBe(false);
    expect(opensSecureChat(actor('staff', ['secure_chat.view_all']))).toBe(true);
    expect(opensSecureChat(actor('admin'))).toBe(true);
  });
});

describe('requireAbility', () => {
  const found = (granted: Partial<ConversationAbilities>): ConversationFor => ({
    row: {} as ConversationRow,
    membership: null,
    inTeam: false,
    abilities: { ...NOTHING, ...granted },
  });
  const refusal = (f: () => void) => {
    try {
      f();
    } catch (error) {
      return error;
    }
    return null;
  };

  it('passes when the ability is granted', () => {
    expect(refusal(() => requireAbility(found({ end: true }), 'end'))).toBeNull();
  });

  it('answers 403 with the ability’s explanation, or the one given', () => {
    const usual = refusal(() => requireAbility(found({ send: true }), 'end'));
    expect(usual).toBeInstanceOf(Problem);
    expect(usual).toMatchObject({ status: 403, detail: 'Only the creator of this thread can end it.' });
    const given = refusal(() =>
      requireAbility(found({}), 'manageMembers', 'Only the creator can mute other members.'),
    );
    expect(given).toMatchObject({ status: 403, detail: 'Only the creator can mute other members.' });
  });
});
