import { and, desc, eq } from 'drizzle-orm';
import type { SecureInviteOut } from '../../../contracts/secure-invites';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Executor, Tx } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { mcSecureInvites } from '../../platform/db/schema';
import { conversationAudience } from '../conversations/access';
import type { ConversationRow } from '../conversations/queries';
import { inviteStatus } from './secure-invite-model';

export type InviteRow = typeof mcSecureInvites.$inferSelect;

/** The newest invitation of a conversation, or null. */
export async function latestInvite(
  ex: Executor,
  firmId: string,
  conversationId: string,
  lock = false,
): Promise<InviteRow | null> {
  const query = ex
    .select()
    .from(mcSecureInvites)
    .where(and(eq(mcSecureInvites.firmId, firmId), eq(mcSecureInvites.conversationId, conversationId)))
    .orderBy(desc(mcSecureInvites.createdAt), desc(mcSecureInvites.id))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** True when the customer joined the conversation's secure chat (its newest invitation is accepted). */
export async function customerJoined(ex: Executor, conversation: ConversationRow): Promise<boolean> {
  const invite = await latestInvite(ex, conversation.firmId, conversation.id);
  return (
    invite !== null && invite.verifiedAt !== null && invite.revokedAt === null && invite.burntAt === null
  );
}

/** An invitation as agents see it. */
export async function presentInvite(ex: Executor, row: InviteRow, now: Date): Promise<SecureInviteOut> {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: inviteStatus(row, now),
    invitedBy: row.invitedBy,
    invitedByName: await nameOf(ex, row.firmId, { type: 'user', id: row.invitedBy }),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    openedAt: row.openedAt?.toISOString() ?? null,
    acceptedAt: row.verifiedAt?.toISOString() ?? null,
  };
}

/** `secure_invite.updated` to those who see the conversation. */
export async function inviteUpdated(
  tx: Tx,
  deps: Deps,
  conversation: ConversationRow,
  row: InviteRow,
): Promise<PublishedEvent> {
  return busEvent(
    'secure_invite.updated',
    conversation.firmId,
    await conversationAudience(deps.conversations.rules, tx, conversation.firmId, conversation),
    await presentInvite(tx, row, deps.clock()),
  );
}
