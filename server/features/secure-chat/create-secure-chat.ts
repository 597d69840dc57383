import { v7 as uuidv7 } from 'uuid';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { busEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Tx } from '../../platform/db/client';
import { secureChatLinks } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField, unprocessable } from '../../platform/http/problem';
import { conversationAudience } from '../conversations/access';
import { conversationDetail } from '../conversations/conversation-views';
import { createConversationRecord } from '../conversations/create-conversation-record';
import type { CreateSecureChatBody } from '../conversations/schemas';
import { loadVisibleMatter } from '../matters/access';
import { loadSettings } from '../settings/load-settings';
import { mayOpenThread, pickContactPhone, pickPoolNumber } from './model';
import { linksWithClient, phonesOfContact, secureChatPool } from './queries';
import {
  lockUserAndClient,
  openThreadsOfUserWith,
  ThreadLimitProblem,
  threadLimitDetail,
} from './thread-limit';

/**
 * Takes a free pool number for the thread by inserting its link. The link's primary key (firm,
 * firm number, client phone) decides between simultaneous creates: a number another transaction
 * took first conflicts, and the next free one is tried. Null when none is left.
 */
async function claimNumber(
  tx: Tx,
  link: { firmId: string; clientPhone: string; conversationId: string; userId: string; createdAt: Date },
  pool: readonly string[],
  taken: Set<string>,
): Promise<string | null> {
  for (let number = pickPoolNumber(pool, taken); number; number = pickPoolNumber(pool, taken)) {
    const [won] = await tx
      .insert(secureChatLinks)
      .values({ ...link, firmPhone: number })
      .onConflictDoNothing()
      .returning({ firmPhone: secureChatLinks.firmPhone });
    if (won) return won.firmPhone;
    taken.add(number);
  }
  return null;
}

/**
 * Starts a secure chat on a matter with one of a linked contact's phones. The creator is its only
 * member; the thread holds a pool number linked to the client phone, so the client's texts to that
 * number land in it. A user may hold at most `secureChatMaxOpenPerClient` open threads with one
 * client (contact), whatever the phone, and a phone never more than the pool has numbers: beyond
 * that, 422 thread-limit naming the limit and the threads that count.
 */
export async function createSecureChat(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; body: CreateSecureChatBody },
): Promise<ConversationDetailOut> {
  const { actor, body } = input;
  const firmId = actor.firmId;
  return inTransaction(deps, async (tx, events) => {
    if (!(await loadSettings(tx, firmId)).secureChatEnabled)
      throw unprocessable('secure-chat-disabled', 'Secure Chat is switched off for this firm.');
    const matter = await loadVisibleMatter(tx, actor, body.matterId);
    if (!matter.contactIds.includes(body.contactId))
      throw unprocessable('contact-not-linked', 'The contact is not linked to this matter.');
    const contactPhone = pickContactPhone(
      await phonesOfContact(tx, firmId, body.contactId),
      body.contactPhone,
    );
    if (!contactPhone) throw invalidField('body.contactPhone', "is not one of the contact's phone numbers");

    await lockUserAndClient(tx, firmId, actor.userId, body.contactId);
    const settings = await loadSettings(tx, firmId);
    const pool = await secureChatPool(tx, firmId);
    const links = await linksWithClient(tx, firmId, contactPhone);
    const taken = new Set(links.map((l) => l.firmPhone));
    const counted = await openThreadsOfUserWith(tx, firmId, actor.userId, body.contactId);
    const limit = settings.secureChatMaxOpenPerClient;
    const refuse = () =>
      new ThreadLimitProblem(limit, counted, threadLimitDetail(limit, counted.length >= limit));
    const allowed = mayOpenThread({
      openByUser: counted.length,
      maxOpen: limit,
      freeNumbers: pool.filter((n) => !taken.has(n)).length,
    });
    if (!allowed) throw refuse();

    const id = uuidv7();
    const now = deps.clock();
    const firmPhone = await claimNumber(
      tx,
      { firmId, clientPhone: contactPhone, conversationId: id, userId: actor.userId, createdAt: now },
      pool,
      taken,
    );
    if (!firmPhone) throw refuse();

    const row = await createConversationRecord(tx, deps, {
      firmId,
      id,
      kind: 'secure_chat',
      createdBy: actor.userId,
      matterId: body.matterId,
      contactId: body.contactId,
      contactPhone,
      firmPhone,
      members: [{ memberType: 'user', memberId: actor.userId, role: 'creator' }],
    });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'secure_chat.created',
        targetType: 'conversation',
        targetId: id,
        details: { matterId: body.matterId, contactId: body.contactId, firmPhone },
      },
      now,
    );
    events.push(
      busEvent(
        'conversation.created',
        firmId,
        await conversationAudience(deps.conversations.rules, tx, firmId, row),
        {
          id,
          kind: 'secure_chat',
          status: 'open',
          matterId: row.matterId,
          contactId: row.contactId,
        },
      ),
    );
    return conversationDetail(tx, deps, actor, row);
  });
}
