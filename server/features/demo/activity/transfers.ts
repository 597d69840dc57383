import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { mcCampaigns } from '../../../platform/db/schema';
import { sendMessage } from '../../conversations/send-message';
import { createInternalChat } from '../../internal-chat/create-internal-chat';
import { transferConversation } from '../../message-center/transfer';
import { agentTeams } from '../../message-center/transfer-queries';
import { receiveInboundSms } from '../../sms/receive-inbound';
import type { DemoContext } from './context';
import { demoClaim } from './message-center-steps';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Transfers and internal chat in the demo, played through the real use cases at times before `now`:
 * a text to Sales that was really for Service, cold-transferred to the Service team with a handoff note
 * and answered there (its transfer log shows it); a conversation agent1 holds while agent2 is asked to
 * take it over (a warm transfer still pending, with blue internal chat between them); and a chat between
 * the two agents outside any customer conversation.
 */
export async function seedTransferActivity(ctx: DemoContext, now: Date): Promise<void> {
  const { demo } = ctx;
  let current = now;
  const deps: Deps = { ...ctx.deps, clock: () => current };
  const at = (ago: number) => {
    current = new Date(now.getTime() - ago);
  };
  const agent1 = ctx.actor('agent1');
  const agent2 = ctx.actor('agent2');
  const [sales] = await deps.db
    .select({ phone: mcCampaigns.phone })
    .from(mcCampaigns)
    .where(eq(mcCampaigns.firmId, demo.firmId))
    .orderBy(asc(mcCampaigns.id));
  const [serviceTeam] = await agentTeams(deps.db, demo.firmId, agent2.userId);
  if (!sales || !serviceTeam) return;
  let sequence = 0;
  const customerTexts = async (from: string, body: string) => {
    sequence += 1;
    const outcome = await receiveInboundSms(
      deps,
      {
        providerId: `demo-transfer-${now.getTime()}-${sequence}`,
        from,
        to: sales.phone,
        body,
        receivedAt: current,
        media: [],
      },
      'simulator',
    );
    return outcome.result === 'stored' ? outcome.conversationId : null;
  };
  const say = (
    actor: typeof agent1,
    conversationId: string,
    body: string,
    visibility: 'public' | 'note' | 'internal',
  ) =>
    sendMessage(deps, {
      actor,
      conversationId,
      message: { body, format: 'text', visibility, kind: 'message' },
    });

  // Cold: misrouted to Sales, handed to the Service team's queue, claimed and answered there.
  at(2 * DAY + 50 * MINUTE);
  const cold = await customerTexts('+13105550240', 'My ex stopped paying child support, can you help?');
  if (cold) {
    at(2 * DAY + 46 * MINUTE);
    await demoClaim(deps, agent1, cold);
    await say(
      agent1,
      cold,
      'Thanks for texting. A family law colleague will pick this up in a moment.',
      'public',
    );
    at(2 * DAY + 45 * MINUTE);
    await transferConversation(deps, {
      actor: agent1,
      conversationId: cold,
      body: {
        toTeamId: serviceTeam,
        mode: 'cold',
        note: 'Child support enforcement: family law, Service team.',
      },
    });
    at(2 * DAY + 38 * MINUTE);
    await demoClaim(deps, agent2, cold);
    await say(
      agent2,
      cold,
      'Hi, this is the family law team. When was the last payment you received?',
      'public',
    );
    at(2 * DAY + 30 * MINUTE);
    await customerTexts('+13105550240', 'Three months ago');
  }

  // Warm, still pending: agent1 asks agent2, and they talk it over in internal chat.
  at(35 * MINUTE);
  const warm = await customerTexts(
    '+13105550241',
    'I was hurt at work and my employer wants me to sign something',
  );
  if (warm) {
    at(33 * MINUTE);
    await demoClaim(deps, agent1, warm);
    await say(
      agent1,
      warm,
      'Please do not sign anything yet. Can you tell me what the document says?',
      'public',
    );
    at(30 * MINUTE);
    await customerTexts('+13105550241', 'It says I waive future claims. Also my spouse and I are separating');
    at(28 * MINUTE);
    await transferConversation(deps, {
      actor: agent1,
      conversationId: warm,
      body: {
        toUserId: agent2.userId,
        mode: 'warm',
        note: 'Waiver plus a separation: could you take this one?',
      },
    });
    at(25 * MINUTE);
    await say(agent2, warm, 'Is the separation the main question, or the waiver?', 'internal');
    at(24 * MINUTE);
    await say(agent1, warm, 'The waiver is urgent; the separation came up after.', 'internal');
  }

  // A chat between the two agents, outside any customer conversation.
  at(3 * DAY + 20 * MINUTE);
  const chat = await createInternalChat(deps, {
    actor: agent1,
    body: { kind: 'internal', userIds: [agent2.userId] },
  });
  const chatId = 'existing' in chat ? chat.existing.id : chat.id;
  await say(agent1, chatId, 'Are you covering the Saturday shift this week?', 'internal');
  at(3 * DAY + 12 * MINUTE);
  await say(agent2, chatId, 'Yes, 9 to 1. I will take the Service campaigns.', 'internal');
  at(3 * DAY + 10 * MINUTE);
  await say(agent1, chatId, 'Thanks! I will tell the Sales callers.', 'internal');
}
