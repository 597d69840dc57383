import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { SECURE_INVITE_HOURS, type SecureInviteOut } from '../../../contracts/secure-invites';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { mcSecureInvites } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { appendOutbox } from '../../platform/outbox/append';
import { randomSecret, sha256Hex } from '../auth';
import { loadConversationFor } from '../conversations/access';
import { loadConversationKey, sealText } from '../conversations/message-crypto';
import { storeMessage } from '../conversations/store-message';
import { ensureTextable } from '../sms/consent';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { publicReplyRefusal } from './model';
import { claimedBy, conversationClosed, notClaimed, notMessageCenter } from './problems';
import { inviteAad } from './secure-invite-model';
import { inviteUpdated, latestInvite, presentInvite } from './secure-invite-queries';
import { SECURE_INVITE_REPLY } from './secure-invite-texts';

/**
 * The agent who claimed a Message Center conversation texts the customer a one-time secure chat
 * link (`<firmId>.<secret>`: 256 random bits, only its SHA-256 kept for lookup, so a link can not be
 * forged or guessed; it expires after SECURE_INVITE_HOURS). Refused before a claim (409 not-claimed),
 * to anyone but the holder (409 claimed), in a closed conversation (409) and to a customer who
 * opted out (422 opted-out). A new invitation revokes the older ones, so only the newest link works.
 * The conversation shows a status line; the text itself goes out through the SMS outbox, which
 * carries no secret: the sender unseals the link when it texts.
 */
export async function sendSecureInvite(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string },
): Promise<SecureInviteOut> {
  const { actor } = input;
  const { firmId } = actor;
  return inTransaction(deps, async (tx, events) => {
    const { row } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'view',
      { lock: true },
    );
    if (row.kind !== 'sms') throw notMessageCenter();
    if (row.status !== 'open') throw conversationClosed();
    const refusal = publicReplyRefusal(row, actor.userId);
    if (refusal === 'not-claimed') throw notClaimed();
    if (refusal === 'claimed')
      throw await claimedBy(
        tx,
        firmId,
        row.assigneeId as string,
        'Only the agent who claimed this conversation can invite the customer to a secure chat.',
      );
    const phone = row.contactPhone as string;
    const firmPhone = row.firmPhone as string;
    await ensureTextable(tx, firmId, phone, firmPhone);

    const now = deps.clock();
    await tx
      .update(mcSecureInvites)
      .set({ revokedAt: now })
      .where(
        and(
          eq(mcSecureInvites.firmId, firmId),
          eq(mcSecureInvites.conversationId, row.id),
          isNull(mcSecureInvites.revokedAt),
        ),
      );
    const id = uuidv7();
    const secret = randomSecret();
    const key = await loadConversationKey(tx, deps.keyring, firmId, row.id);
    const [invite] = await tx
      .insert(mcSecureInvites)
      .values({
        firmId,
        id,
        conversationId: row.id,
        phone,
        firmPhone,
        invitedBy: actor.userId,
        tokenHash: sha256Hex(secret),
        tokenSealed: sealText(key, `${firmId}.${secret}`, inviteAad(row.id, id, 'link')),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SECURE_INVITE_HOURS * 3_600_000),
      })
      .returning();
    if (!invite) throw new Error('secure invite not stored');

    const status = await storeMessage(tx, deps, {
      conversation: row,
      author: { type: 'user', id: actor.userId },
      body: 'Invited the customer to a secure chat.',
      kind: 'status',
      source: actor.via === 'token' ? 'api' : 'web',
    });
    events.push(...status.events);
    const payload: SmsSendPayload = {
      kind: 'auto_reply',
      firmId,
      reply: SECURE_INVITE_REPLY,
      from: firmPhone,
      to: phone,
    };
    await appendOutbox(tx, {
      firmId,
      topic: SMS_SEND_TOPIC,
      payload,
      idempotencyKey: `secure-invite:${id}`,
    });
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'message_center.secure_invite_sent',
        targetType: 'conversation',
        targetId: row.id,
        details: { inviteId: id },
      },
      now,
    );
    events.push(await inviteUpdated(tx, deps, row, invite));
    return presentInvite(tx, invite, now);
  });
}

/** The newest invitation of a conversation the actor sees (null when none was sent). */
export async function getSecureInvite(
  deps: Deps,
  input: { actor: StaffActor; conversationId: string },
): Promise<{ invite: SecureInviteOut | null }> {
  const { row } = await loadConversationFor(
    deps.conversations.rules,
    deps.db,
    input.actor,
    input.conversationId,
    'view',
  );
  if (row.kind !== 'sms') throw notMessageCenter();
  const invite = await latestInvite(deps.db, row.firmId, row.id);
  return { invite: invite ? await presentInvite(deps.db, invite, deps.clock()) : null };
}
