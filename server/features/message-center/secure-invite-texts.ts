import { and, desc, eq, isNull } from 'drizzle-orm';
import { SECURE_CODE_MINUTES, SECURE_INVITE_HOURS } from '../../../contracts/secure-invites';
import { publicBaseUrl } from '../../config';
import type { Deps } from '../../deps';
import { mcSecureInvites } from '../../platform/db/schema';
import { loadConversationKey, openSealed } from '../conversations/message-crypto';
import type { SmsReplies, SmsReplyContext } from '../sms/sender';
import { inviteAad } from './secure-invite-model';

/** The names of the two texts under which the SMS sender finds them (an `auto_reply` job). */
export const SECURE_INVITE_REPLY = 'mc-secure-invite';
export const SECURE_CODE_REPLY = 'mc-secure-code';

/** The page a secure chat link opens. */
export function secureChatLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/m/${token}`;
}

/** The newest live invitation texted from this firm number to this customer, if any. */
async function currentInvite(context: SmsReplyContext) {
  const [row] = await context.ex
    .select()
    .from(mcSecureInvites)
    .where(
      and(
        eq(mcSecureInvites.firmId, context.firmId),
        eq(mcSecureInvites.firmPhone, context.firmPhone),
        eq(mcSecureInvites.phone, context.to),
        isNull(mcSecureInvites.revokedAt),
      ),
    )
    .orderBy(desc(mcSecureInvites.createdAt), desc(mcSecureInvites.id))
    .limit(1);
  return row ?? null;
}

/**
 * The texts of the secure chat: the link and the code, unsealed only when texted (the outbox job
 * carries neither). A job whose invitation was revoked meanwhile texts the newest link, never an
 * old one, and nothing when no invitation is live any more.
 */
export function secureInviteReplies(deps: Deps): SmsReplies {
  return {
    [SECURE_INVITE_REPLY]: async (firmName, context) => {
      const invite = await currentInvite(context);
      if (!invite) return null;
      const key = await loadConversationKey(context.ex, deps.keyring, invite.firmId, invite.conversationId);
      const token = openSealed(key, invite.tokenSealed, inviteAad(invite.conversationId, invite.id, 'link'));
      return (
        `${firmName}: continue our conversation in a private, encrypted chat: ` +
        `${secureChatLink(publicBaseUrl(deps.config), token)} ` +
        `(valid ${SECURE_INVITE_HOURS} hours, on one device; we will text a code to confirm it is you)`
      );
    },
    [SECURE_CODE_REPLY]: async (firmName, context) => {
      const invite = await currentInvite(context);
      // Verified (or the link ended) before the code went out: there is nothing to text.
      if (!invite?.codeSealed) return null;
      const key = await loadConversationKey(context.ex, deps.keyring, invite.firmId, invite.conversationId);
      const code = openSealed(key, invite.codeSealed, inviteAad(invite.conversationId, invite.id, 'code'));
      return `${firmName}: your secure chat code is ${code}. It expires in ${SECURE_CODE_MINUTES} minutes. Never share it.`;
    },
  };
}
