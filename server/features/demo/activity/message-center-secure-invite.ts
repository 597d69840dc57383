import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { mcCampaigns } from '../../../platform/db/schema';
import { loadConversationKey, openSealed } from '../../conversations/message-crypto';
import { sendMessage } from '../../conversations/send-message';
import { sendCustomerMessage } from '../../message-center/secure-invite-chat';
import { sendCode, verifyCode, viewLink } from '../../message-center/secure-invite-customer';
import { inviteAad } from '../../message-center/secure-invite-model';
import { latestInvite } from '../../message-center/secure-invite-queries';
import { sendSecureInvite } from '../../message-center/secure-invite-send';
import { receiveInboundSms } from '../../sms/receive-inbound';
import type { DemoContext } from './context';
import { demoClaim } from './message-center-steps';

/** The demo's secure chat customer: texts the first Sales campaign, in the 310 area's 555 range. */
export const SECURE_DEMO_CUSTOMER = '+13105550230';

type Step =
  | { ago: number; do: 'text'; text: string }
  | { ago: number; do: 'reply' | 'secure' | 'note'; text: string }
  | { ago: number; do: 'invite' | 'join' }
  | { ago: number; do: 'customer-secure'; text: string };

// A customer who can not talk freely by text: agent1 claims, answers once by text, invites them to
// a secure chat; they open the link, verify the texted code and the conversation goes on there.
const story: Step[] = [
  { ago: 70, do: 'text', text: 'Hi, I need advice about a settlement offer but my ex still reads my texts.' },
  {
    ago: 66,
    do: 'reply',
    text: 'Understood. I will send you a link to a private chat so we can talk safely.',
  },
  { ago: 65, do: 'invite' },
  { ago: 61, do: 'join' },
  {
    ago: 60,
    do: 'customer-secure',
    text: 'Thank you. The insurer offered $18,000 for my injuries and lost wages.',
  },
  { ago: 58, do: 'note', text: 'Possible domestic situation: secure chat only, no calls to this number.' },
  {
    ago: 56,
    do: 'secure',
    text: 'Thanks for trusting us. Before you sign anything: do you have your medical bills and pay stubs?',
  },
  { ago: 50, do: 'customer-secure', text: 'Yes, about $9,400 in bills so far. I missed six weeks of work.' },
  {
    ago: 45,
    do: 'secure',
    text: 'That offer looks low. An attorney will review it with you tomorrow at 10 am, here in this chat.',
  },
];

/**
 * A Message Center conversation whose customer accepted a secure chat invitation, with secure
 * messages both ways, played through the real receiver and use cases: the customer's side unseals
 * the link and the code as their phone would read them from the texts.
 */
export async function seedSecureInviteActivity(ctx: DemoContext, now: Date): Promise<void> {
  let current = now;
  const deps: Deps = { ...ctx.deps, clock: () => current };
  const firmId = ctx.demo.firmId;
  const agent = ctx.actor('agent1');
  const [campaign] = await deps.db
    .select({ phone: mcCampaigns.phone })
    .from(mcCampaigns)
    .where(eq(mcCampaigns.firmId, firmId))
    .orderBy(asc(mcCampaigns.id))
    .limit(1);
  if (!campaign) return;
  let conversationId: string | null = null;
  let link: { token: string; device: string; csrfToken: string } | null = null;
  let sequence = 0;

  const unseal = async (what: 'link' | 'code') => {
    const invite = await latestInvite(deps.db, firmId, conversationId as string);
    if (!invite) throw new Error('demo secure chat: no invitation');
    const key = await loadConversationKey(deps.db, deps.keyring, firmId, invite.conversationId);
    const sealed = what === 'link' ? invite.tokenSealed : invite.codeSealed;
    return openSealed(key, sealed as string, inviteAad(invite.conversationId, invite.id, what));
  };

  for (const step of story) {
    current = new Date(now.getTime() - step.ago * 60_000);
    if (step.do === 'text') {
      sequence += 1;
      const outcome = await receiveInboundSms(
        deps,
        {
          providerId: `demo-mc-secure-${now.getTime()}-${sequence}`,
          from: SECURE_DEMO_CUSTOMER,
          to: campaign.phone,
          body: step.text,
          receivedAt: current,
          media: [],
        },
        'simulator',
      );
      if (outcome.result === 'stored') conversationId = outcome.conversationId;
      continue;
    }
    if (!conversationId) return;
    if (step.do === 'reply' || step.do === 'secure' || step.do === 'note') {
      if (step.do === 'reply') await demoClaim(deps, agent, conversationId);
      await sendMessage(deps, {
        actor: agent,
        conversationId,
        message: {
          body: step.text,
          format: 'text',
          visibility: step.do === 'note' ? 'note' : 'public',
          kind: 'message',
          ...(step.do === 'note' ? {} : { channel: step.do === 'secure' ? 'secure' : 'sms' }),
        },
      });
    } else if (step.do === 'invite') {
      await sendSecureInvite(deps, { actor: agent, conversationId });
    } else if (step.do === 'join') {
      const token = await unseal('link');
      await viewLink(deps, { token, device: undefined });
      await sendCode(deps, { token, device: undefined });
      const joined = await verifyCode(deps, { token, device: undefined, code: await unseal('code') });
      link = { token, device: joined.device, csrfToken: joined.view.csrfToken as string };
    } else if (link && step.do === 'customer-secure') {
      await sendCustomerMessage(deps, { ...link, body: step.text });
    }
  }
}
