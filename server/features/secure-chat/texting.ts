import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { unprocessable } from '../../platform/http/problem';
import { loadConversationFor } from '../conversations/access';
import { consentStatusOf } from '../sms/consent-status';
import { framingOfText } from './sms-framing';

/**
 * What the caller's next text in a thread will carry around its body (sender prefix, opt-out
 * footer) and the firm's segment thresholds, so the composer counts the segments the client is
 * billed for and asks before a long text; and the client's consent, so it is disabled (with the
 * reason) when the client opted out of the thread's number.
 */
export async function textingOf(
  deps: Pick<Deps, 'db' | 'conversations'>,
  input: { actor: StaffActor; conversationId: string },
) {
  const { row } = await loadConversationFor(
    deps.conversations.rules,
    deps.db,
    input.actor,
    input.conversationId,
    'view',
  );
  if (row.kind !== 'secure_chat')
    throw unprocessable('not-secure-chat', 'Only secure chat threads text a client.');
  const { framing, texting } = await framingOfText(deps.db, {
    conversation: row,
    senderId: input.actor.userId,
  });
  return {
    prefix: framing.prefix,
    footer: framing.footer,
    confirmAboveSegments: texting.confirmAboveSegments,
    maxSegments: texting.maxSegments,
    consent:
      row.contactPhone && row.firmPhone
        ? await consentStatusOf(deps.db, row.firmId, row.contactPhone, row.firmPhone)
        : null,
  };
}
