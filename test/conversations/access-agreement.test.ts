import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abilities,
  canView,
  conversationAudience,
  conversationRules,
  loadConversationFor,
  notifiedMembers,
  userMembersOf,
  visibleConversationParts,
  visibleConversations,
} from '../../server/features/conversations/access';
import type { ConversationRow } from '../../server/features/conversations/queries';
import type { Database } from '../../server/platform/db/client';
import { conversationMembers, conversations, teamMembers, users } from '../../server/platform/db/schema';
import { permissions, roles, type StaffActor } from '../../server/platform/http/actor';
import { Problem } from '../../server/platform/http/problem';
import { cloneDatabase } from '../support/app';
import { reachesStaff } from '../support/audience';

// The access module states who sees a conversation once and derives three forms from it: the pure
// check of the use cases, the SQL filter of the lists and the audience of real-time events. Here
// random actors meet random conversations in a real database, and every form must give the same
// answer (the loader, built on the pure check, and the notified members are held to it too).

/** What the actor is to a generated conversation. */
const standings = [
  'none',
  'member',
  'muted member',
  // A contact member whose id happens to be the actor's: membership is of users only.
  'contact with the same id',
] as const;

const generatedConversation = fc.record({
  // Every kind the API knows, and one without a rule, which must stay members-only.
  kind: fc.constantFrom('secure_chat', 'sms', 'message', 'portal_chat', 'internal', 'toy'),
  // Now and then the conversation is another firm's, whatever the actor is to it there.
  ownFirm: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  standing: fc.constantFrom(...standings),
  creator: fc.constantFrom('actor', 'someone else', 'nobody'),
  otherMembers: fc.integer({ min: 0, max: 2 }),
  // The team it is routed to (Message Center): one the actor belongs to, another, or none.
  team: fc.constantFrom('actor team', 'other team', 'none'),
  // Moved to a team after its members joined (a Message Center transfer), or left where it was.
  movedTo: fc.constantFrom('not moved', 'actor team', 'other team', 'none'),
});

const scenario = fc.record({
  role: fc.constantFrom(...roles),
  permissions: fc.subarray([...permissions]),
  conversations: fc.array(generatedConversation, { minLength: 1, maxLength: 6 }),
});

describe('conversation access: pure check, SQL filter and audience agree', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let firmId: string;
  const otherFirmId = uuidv7();

  beforeAll(async () => {
    ({ database, drop } = await cloneDatabase());
    const [firm] = await database.query<{ id: string }>('select id from firms order by id limit 1');
    firmId = firm?.id as string;
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('for random actors, kinds, memberships and permissions', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const db = database.db;
        const actor: StaffActor = {
          kind: 'user',
          firmId,
          userId: uuidv7(),
          role: s.role,
          permissions: s.permissions,
          via: 'session',
        };
        await db.insert(users).values({
          firmId,
          id: actor.userId,
          email: `${actor.userId}@access.parley.test`,
          name: 'Generated Actor',
          role: actor.role,
          permissions: actor.permissions,
          passwordHash: 'not used',
        });

        // The actor belongs to one team; a colleague (not the actor) to another.
        const actorTeam = uuidv7();
        const otherTeam = uuidv7();
        await db.insert(teamMembers).values([
          { firmId, teamId: actorTeam, userId: actor.userId },
          { firmId: otherFirmId, teamId: actorTeam, userId: actor.userId },
          { firmId, teamId: otherTeam, userId: uuidv7() },
        ]);

        const rows: { row: ConversationRow; member: boolean; notified: boolean }[] = [];
        for (const c of s.conversations) {
          const convFirm = c.ownFirm ? firmId : otherFirmId;
          const createdBy = { actor: actor.userId, 'someone else': uuidv7(), nobody: null }[c.creator];
          const [row] = await db
            .insert(conversations)
            .values({
              firmId: convFirm,
              id: uuidv7(),
              kind: c.kind,
              createdBy,
              teamId: { 'actor team': actorTeam, 'other team': otherTeam, none: null }[c.team],
            })
            .returning();
          const conversation = row as ConversationRow;
          const members = Array.from({ length: c.otherMembers }, () => ({
            memberType: 'user',
            memberId: uuidv7(),
            muted: false,
          }));
          if (c.standing === 'member' || c.standing === 'muted member')
            members.push({
              memberType: 'user',
              memberId: actor.userId,
              muted: c.standing === 'muted member',
            });
          if (c.standing === 'contact with the same id')
            members.push({ memberType: 'contact', memberId: actor.userId, muted: false });
          if (members.length > 0)
            await db
              .insert(conversationMembers)
              .values(members.map((m) => ({ ...m, firmId: convFirm, conversationId: conversation.id })));
          if (c.movedTo !== 'not moved') {
            const [moved] = await db
              .update(conversations)
              .set({ teamId: { 'actor team': actorTeam, 'other team': otherTeam, none: null }[c.movedTo] })
              .where(and(eq(conversations.firmId, convFirm), eq(conversations.id, conversation.id)))
              .returning();
            Object.assign(conversation, moved);
          }
          const member = c.standing === 'member' || c.standing === 'muted member';
          rows.push({ row: conversation, member, notified: c.standing === 'member' });
        }

        const ids = rows.map((r) => r.row.id);
        const filtered = await db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(visibleConversations(conversationRules, actor), inArray(conversations.id, ids)));
        const bySql = new Set(filtered.map((r) => r.id));
        // The disjoint parts the dashboard counts sum over: together the SQL filter, each row in one.
        const inParts: string[] = [];
        for (const part of visibleConversationParts(conversationRules, actor)) {
          const found = await db
            .select({ id: conversations.id })
            .from(conversations)
            .where(and(part.where, inArray(conversations.id, ids)));
          inParts.push(...found.map((r) => r.id));
        }
        expect(inParts.toSorted(), 'parts of the SQL filter').toEqual([...bySql].toSorted());
        // Parts for a read of one kind (the dashboard's counts read sms only) may skip the
        // memberships the earlier parts cover, read from the membership rows' copy of the team.
        for (const kind of new Set(rows.map((r) => r.row.kind))) {
          const ofKind = rows.filter((r) => r.row.kind === kind && bySql.has(r.row.id)).map((r) => r.row.id);
          const inKindParts: string[] = [];
          for (const part of visibleConversationParts(conversationRules, actor, [kind])) {
            const found = await db
              .select({ id: conversations.id })
              .from(conversations)
              .where(and(part.where, eq(conversations.kind, kind), inArray(conversations.id, ids)));
            inKindParts.push(...found.map((r) => r.id));
          }
          expect(inKindParts.toSorted(), `parts of the SQL filter for ${kind}`).toEqual(ofKind.toSorted());
        }
        const copies = await db
          .select({ teamId: conversations.teamId, copy: conversationMembers.conversationTeamId })
          .from(conversationMembers)
          .innerJoin(
            conversations,
            and(
              eq(conversations.firmId, conversationMembers.firmId),
              eq(conversations.id, conversationMembers.conversationId),
            ),
          )
          .where(inArray(conversations.id, ids));
        for (const { teamId, copy } of copies) expect(copy, "a member row's copy of the team").toBe(teamId);

        for (const { row, member, notified } of rows) {
          const what = `${row.kind} of ${row.firmId === firmId ? 'the firm' : 'another firm'}, member ${member}`;
          // Another firm's conversation is out of reach whatever the rule says: every form is firm-scoped.
          const inTeam = row.teamId === actorTeam;
          const pure = row.firmId === actor.firmId && canView(conversationRules, actor, row, member, inTeam);
          const audience = await conversationAudience(conversationRules, db, row.firmId, row);
          // The gateway delivers an event only to sockets of the event's firm.
          const reached = row.firmId === actor.firmId && reachesStaff(audience, actor);
          expect(bySql.has(row.id), `SQL filter, ${what}`).toBe(pure);
          expect(reached, `audience, ${what}`).toBe(pure);

          const loaded = await loadConversationFor(conversationRules, db, actor, row.id, 'view').catch(
            (error: unknown) => {
              if (error instanceof Problem && error.status === 404) return null;
              throw error;
            },
          );
          expect(loaded !== null, `loadConversationFor, ${what}`).toBe(pure);
          if (loaded) {
            expect(loaded.membership !== null).toBe(member);
            expect(loaded.abilities).toEqual(abilities(conversationRules, actor, row, member, inTeam));
          }

          // In-app notifications go to unmuted user members, who are always in the audience.
          const toNotify = notifiedMembers(await userMembersOf(db, row.firmId, row.id));
          expect(toNotify.includes(actor.userId), `notified, ${what}`).toBe(notified);
          for (const userId of toNotify) expect(audience.userIds).toContain(userId);
        }
      }),
      {
        numRuns: 40,
        // Always tried: an agent's memberships in and out of their team, after a transfer either way.
        examples: [
          [
            {
              role: 'agent',
              permissions: ['message_center.use'],
              conversations: (['actor team', 'other team', 'none'] as const).flatMap((team) =>
                (['not moved', 'actor team', 'other team'] as const).map((movedTo) => ({
                  kind: 'sms' as const,
                  ownFirm: true,
                  standing: 'member' as const,
                  creator: 'nobody' as const,
                  otherMembers: 1,
                  team,
                  movedTo,
                })),
              ),
            },
          ],
        ],
      },
    );
  });
});
