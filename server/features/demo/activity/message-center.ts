import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { mcCampaigns } from '../../../platform/db/schema';
import { sendMessage } from '../../conversations/send-message';
import type { ConsumerBody } from '../../message-center/consumer-schemas';
import { receiveInboundSms } from '../../sms/receive-inbound';
import type { DemoFirm } from '../seed-demo';
import type { DemoContext } from './context';
import { demoClaim, demoClose, demoConsumer } from './message-center-steps';

type Who = 'agent1' | 'agent2' | 'admin';

/** One line of a Message Center conversation: minutes before the demo's "now", who wrote it, what. */
interface Line {
  ago: number;
  /** c the customer, a the agent (a public text), n the agent's internal note. */
  from: 'c' | 'a' | 'n';
  text: string;
}

interface Script {
  /** Index of the campaign (0–1 Sales, 2–3 Service). */
  campaign: number;
  customer: string;
  /** Who claims it (just before their first public text, or at claimAgo). */
  agent?: Who;
  claimAgo?: number;
  lines: Line[];
  /** Closed this many minutes ago by the agent (or the team's agent when unclaimed). */
  closeAgo?: number;
  /** Consumer details the claiming agent saved after the last line. */
  consumer?: ConsumerBody;
}

const H = 60;
const D = 24 * H;

// Sales (agent1) answers campaigns 0 and 1, Service (agent2) campaigns 2 and 3. Customer numbers
// are in the 310 area's 555 range. Minutes are relative to the moment the demo is seeded, so the
// dashboard agent1 lands on shows fresh unclaimed texts, overdue ones flashing and waiting alarms.
const scripts: Script[] = [
  // Unclaimed, fresh.
  {
    campaign: 0,
    customer: '+13105550201',
    lines: [
      {
        ago: 1,
        from: 'c',
        text: 'Hi, I was rear-ended this morning on 14th St. Do you take cases like that?',
      },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550202',
    lines: [
      {
        ago: 2,
        from: 'c',
        text: 'Hurt my back lifting at the warehouse. Can I still file if I didnt report it right away?',
      },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550203',
    lines: [
      { ago: 4, from: 'c', text: 'Hello?' },
      { ago: 3, from: 'c', text: 'Looking for a lawyer for a bike accident, the driver ran a red light' },
    ],
  },
  // Unclaimed for longer than the alert threshold.
  {
    campaign: 0,
    customer: '+13105550204',
    lines: [
      { ago: 9, from: 'c', text: 'My insurance company offered $2,000 for my totaled car. Is that fair?' },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550205',
    lines: [
      { ago: 26, from: 'c', text: 'Workers comp question' },
      { ago: 25, from: 'c', text: 'My employer says I am a contractor so I dont get comp. Is that right?' },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550206',
    lines: [
      { ago: 14, from: 'c', text: 'Do you handle motorcycle accidents?' },
      {
        ago: 12,
        from: 'n',
        text: 'Same number texted last month about a parking lot fender bender, see closed conversation.',
      },
    ],
  },
  // agent1's, the customer waiting (fresh, then overdue).
  {
    campaign: 0,
    customer: '+13105550207',
    consumer: {
      name: 'Marcus Bell',
      address: '1420 U St NW, Washington, DC 20009',
      email: 'marcus.bell@example.com',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'sales',
      preferredTime: 'afternoon',
    },
    agent: 'agent1',
    lines: [
      {
        ago: 40,
        from: 'c',
        text: 'Got your number from a friend. Car accident last week, neck still hurts.',
      },
      { ago: 38, from: 'a', text: 'Sorry to hear that. Have you seen a doctor since the accident?' },
      { ago: 3, from: 'c', text: 'Yes, urgent care on Monday. They said whiplash.' },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550208',
    consumer: {
      name: 'Luis Ortega',
      address: '4100 Chain Bridge Rd, Fairfax, VA 22030',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'service',
      preferredTime: 'morning',
    },
    agent: 'agent1',
    lines: [
      {
        ago: 55,
        from: 'c',
        text: 'I fell off a ladder at a job site. The site manager told me not to report it.',
      },
      {
        ago: 52,
        from: 'a',
        text: 'You should report it. When did the fall happen, and did you get medical care?',
      },
      { ago: 11, from: 'c', text: 'Two weeks ago. I went to the ER, I have the bills.' },
      { ago: 10, from: 'c', text: 'Should I send pictures of the bills?' },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550209',
    consumer: {
      name: 'Dana Whitfield',
      address: '220 E Lombard St, Baltimore, MD 21201',
      email: 'dana.w@example.com',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'sales',
      preferredTime: 'evening',
    },
    agent: 'agent1',
    lines: [
      { ago: 2 * H, from: 'c', text: 'Is there a deadline to file a claim? Accident was in March.' },
      {
        ago: 2 * H - 3,
        from: 'a',
        text: 'In DC it is generally three years, but it depends on the facts. Can you tell me more?',
      },
      { ago: 17, from: 'c', text: 'The other driver was uninsured. Police report says they were at fault.' },
    ],
  },
  // agent1's, answered.
  {
    campaign: 0,
    customer: '+13105550210',
    consumer: {
      name: 'Priya Natarajan',
      address: '7010 Little River Tpke, Annandale, VA 22003',
      email: 'priya.n@example.com',
      potentialLead: true,
      existingCustomer: true,
      interestedIn: 'sales',
      preferredTime: 'afternoon',
    },
    agent: 'agent1',
    lines: [
      { ago: 3 * H, from: 'c', text: 'Can I get a free consultation?' },
      {
        ago: 3 * H - 2,
        from: 'a',
        text: 'Thanks for reaching out. Consultations are free and there is no fee unless we win. When is a good time for a 15-minute call?',
      },
      { ago: 3 * H - 10, from: 'c', text: 'Tomorrow after 4?' },
      {
        ago: 3 * H - 12,
        from: 'a',
        text: 'Booked for 4:30pm tomorrow with Alex Attorney. You will get a call from (202) 555-0100.',
      },
      { ago: 3 * H - 13, from: 'n', text: 'Consult booked, added to Alex’s calendar.' },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550211',
    agent: 'agent1',
    lines: [
      { ago: 50, from: 'c', text: 'My claim was denied by the insurer. Can you appeal it?' },
      {
        ago: 45,
        from: 'a',
        text: 'We can review the denial letter. Could you text a photo of it or email it to intake@demo.parley.test?',
      },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550212',
    consumer: { name: 'Tom Reyes', address: '7th St NW and H St NW, Washington', potentialLead: false },
    agent: 'agent1',
    lines: [
      { ago: 6 * H, from: 'c', text: 'Hit by a delivery van in a crosswalk, broken wrist' },
      {
        ago: 6 * H - 4,
        from: 'a',
        text: 'Sorry to hear about the accident. Could you tell me the date, where it happened, and whether anyone was hurt?',
      },
      {
        ago: 6 * H - 20,
        from: 'c',
        text: 'Friday, at 7th and H. Just me. The driver stopped and gave me his info',
      },
      {
        ago: 5 * H,
        from: 'a',
        text: 'Thank you. Please keep the driver’s details and any medical records. An attorney will call you today.',
      },
    ],
  },
  // Claimed by the admin (a supervisor picking one up).
  {
    campaign: 1,
    customer: '+13105550213',
    agent: 'admin',
    lines: [
      { ago: 90, from: 'c', text: 'I need to talk to someone about a settlement check that never arrived' },
      { ago: 85, from: 'a', text: 'I am looking into it now. What is your case number?' },
      { ago: 80, from: 'c', text: 'PI-2291' },
    ],
  },
  // Service (agent2): unclaimed, overdue, waiting, answered.
  {
    campaign: 2,
    customer: '+13105550214',
    lines: [{ ago: 2, from: 'c', text: 'How long does an uncontested divorce take in Maryland?' }],
  },
  {
    campaign: 3,
    customer: '+13105550215',
    lines: [{ ago: 33, from: 'c', text: 'My ex wont return our son after the weekend. What can I do?' }],
  },
  {
    campaign: 2,
    customer: '+13105550216',
    consumer: {
      name: 'Hannah Cole',
      address: '12 Park Ave, Rockville, MD 20850',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'service',
      preferredTime: 'morning',
    },
    agent: 'agent2',
    lines: [
      { ago: 70, from: 'c', text: 'We agreed on everything, we just need the paperwork done' },
      { ago: 65, from: 'a', text: 'That makes it simpler. Do you have children or shared property?' },
      { ago: 8, from: 'c', text: 'One daughter and the house. We want to sell it.' },
    ],
  },
  {
    campaign: 3,
    customer: '+13105550217',
    consumer: {
      name: 'Angela Price',
      address: '5 E Patrick St, Frederick, MD 21701',
      email: 'angela.price@example.com',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'service',
      preferredTime: 'evening',
    },
    agent: 'agent2',
    lines: [
      { ago: 4 * H, from: 'c', text: 'Can I move to Virginia with my kids if I have primary custody?' },
      {
        ago: 4 * H - 5,
        from: 'a',
        text: 'Everything you share with us is confidential. Would a morning, afternoon or evening call suit you best?',
      },
      { ago: 4 * H - 30, from: 'c', text: 'Evening please' },
      { ago: 4 * H - 32, from: 'a', text: 'Great, an attorney will call you at 6pm today.' },
    ],
  },
  {
    campaign: 2,
    customer: '+13105550218',
    agent: 'agent2',
    lines: [
      { ago: 25, from: 'c', text: 'What are your fees?' },
      {
        ago: 22,
        from: 'a',
        text: 'An initial 30-minute consultation is $150. We will explain retainer options during the call.',
      },
      { ago: 4, from: 'c', text: 'ok and do you do payment plans?' },
    ],
  },
  // Closed, over the last days.
  {
    campaign: 0,
    customer: '+13105550206',
    consumer: {
      name: 'Kevin Marsh',
      address: '300 King St, Alexandria, VA 22314',
      email: 'kmarsh@example.com',
      potentialLead: false,
    },
    agent: 'agent1',
    closeAgo: 30 * D,
    lines: [
      { ago: 30 * D + 40, from: 'c', text: 'Someone dented my car in a parking lot and drove off' },
      {
        ago: 30 * D + 35,
        from: 'a',
        text: 'Without injuries this is usually an insurance claim rather than a legal case. We are happy to help if that changes.',
      },
      { ago: 30 * D + 31, from: 'c', text: 'ok thanks' },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550220',
    agent: 'agent1',
    closeAgo: 1 * D,
    lines: [
      { ago: 1 * D + 60, from: 'c', text: 'Do you handle slip and fall at a grocery store?' },
      { ago: 1 * D + 55, from: 'a', text: 'Yes. When and where did it happen?' },
      { ago: 1 * D + 40, from: 'c', text: 'Safeway on Wisconsin Ave last Tuesday' },
      { ago: 1 * D + 35, from: 'a', text: 'Booked you for a consultation Thursday 10am. See you then!' },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550221',
    agent: 'agent1',
    closeAgo: 2 * D,
    lines: [
      { ago: 2 * D + 30, from: 'c', text: 'Is it too late to file workers comp after 2 years?' },
      {
        ago: 2 * D + 25,
        from: 'a',
        text: 'It may be. Please call (202) 555-0100 so an attorney can check the deadlines for your case.',
      },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550222',
    agent: 'agent1',
    closeAgo: 3 * D,
    lines: [
      { ago: 3 * D + 20, from: 'c', text: 'Wrong number sorry' },
      { ago: 3 * D + 18, from: 'a', text: 'No problem, have a good day!' },
    ],
  },
  {
    campaign: 1,
    customer: '+13105550223',
    agent: 'agent1',
    closeAgo: 5 * D,
    lines: [
      { ago: 5 * D + 90, from: 'c', text: 'Forklift accident at work, my foot was crushed' },
      {
        ago: 5 * D + 85,
        from: 'a',
        text: 'I am so sorry. Please bring the incident report and medical records; an attorney can see you tomorrow at 9.',
      },
      { ago: 5 * D + 80, from: 'c', text: 'I will be there' },
      { ago: 5 * D + 79, from: 'n', text: 'Signed up for consult, handed to Blair.' },
    ],
  },
  {
    campaign: 0,
    customer: '+13105550224',
    closeAgo: 6 * D,
    agent: 'agent1',
    lines: [
      { ago: 6 * D + 15, from: 'c', text: 'Are you hiring paralegals?' },
      {
        ago: 6 * D + 10,
        from: 'a',
        text: 'Please see our careers page at demo.parley.test/careers. Good luck!',
      },
    ],
  },
  // Opted out: the customer texted STOP, which closed it.
  {
    campaign: 0,
    customer: '+13105550225',
    agent: 'agent1',
    lines: [
      { ago: 4 * D + 30, from: 'c', text: 'Got a flyer about accident claims' },
      {
        ago: 4 * D + 25,
        from: 'a',
        text: 'Thanks for reaching out. Were you or a family member in an accident recently?',
      },
      { ago: 4 * D + 20, from: 'c', text: 'STOP' },
    ],
  },
  {
    campaign: 2,
    customer: '+13105550226',
    agent: 'agent2',
    closeAgo: 1 * D,
    lines: [
      { ago: 1 * D + 45, from: 'c', text: 'Do I need a lawyer for a legal separation?' },
      {
        ago: 1 * D + 40,
        from: 'a',
        text: 'It is not required, but we recommend one for the agreement. Would you like a consultation?',
      },
      { ago: 1 * D + 30, from: 'c', text: 'Not now, thank you' },
    ],
  },
  {
    campaign: 3,
    customer: '+13105550227',
    agent: 'agent2',
    closeAgo: 3 * D,
    lines: [
      { ago: 3 * D + 60, from: 'c', text: 'Grandparents visitation rights question' },
      {
        ago: 3 * D + 55,
        from: 'a',
        text: 'We can help. Our Bethesda office is open Monday to Friday, 8am to 6pm, and Saturday mornings by appointment.',
      },
    ],
  },
  {
    campaign: 2,
    customer: '+13105550228',
    agent: 'agent2',
    closeAgo: 7 * D,
    lines: [
      { ago: 7 * D + 50, from: 'c', text: 'Need to modify child support, I lost my job' },
      {
        ago: 7 * D + 45,
        from: 'a',
        text: 'Sorry to hear that. You can ask the court to modify support; an attorney will call you to go over it.',
      },
      { ago: 7 * D + 40, from: 'c', text: 'Thank you so much' },
    ],
  },
  {
    campaign: 3,
    customer: '+13105550229',
    agent: 'agent2',
    lines: [
      { ago: 2 * D + 10, from: 'c', text: 'custody' },
      { ago: 2 * D + 8, from: 'a', text: 'Hi! Could you tell me a bit more about your situation?' },
      { ago: 2 * D + 5, from: 'c', text: 'unsubscribe' },
    ],
  },
];

/**
 * Message Center activity for the demo firm: about thirty conversations on its four campaigns in
 * every state (unclaimed, overdue, waiting, claimed by agent1, agent2 or the admin, answered, closed,
 * closed by STOP), played through the real receiver and use cases at times relative to `now` (claims,
 * closes and details through the steps of message-center-steps.ts: the use cases less their answer). Several
 * customers have consumer details, in every service-area zone and one address that does not resolve;
 * +13105550206's were saved on a closed conversation and show on the open one.
 */
export async function seedMessageCenterActivity(ctx: DemoContext, now: Date): Promise<void> {
  const { demo } = ctx;
  let current = now;
  const deps: Deps = { ...ctx.deps, clock: () => current };
  const at = (ago: number) => {
    current = new Date(now.getTime() - ago * 60_000);
  };
  const campaigns = await deps.db
    .select({ phone: mcCampaigns.phone })
    .from(mcCampaigns)
    .where(eq(mcCampaigns.firmId, demo.firmId))
    .orderBy(asc(mcCampaigns.id));
  const actor = (who: Who) => ctx.actor(who as keyof DemoFirm['userIds']);
  let sequence = 0;
  // Oldest first, so a customer's earlier (closed) conversation is over before the next one opens.
  const played = [...scripts].sort((x, y) => (y.lines[0]?.ago ?? 0) - (x.lines[0]?.ago ?? 0));
  for (const script of played) {
    const firmPhone = campaigns[script.campaign]?.phone;
    if (!firmPhone) continue;
    let conversationId: string | null = null;
    let claimed = false;
    for (const line of script.lines) {
      at(line.ago);
      if (line.from === 'c') {
        sequence += 1;
        const inbound = {
          providerId: `demo-mc-${now.getTime()}-${sequence}`,
          from: script.customer,
          to: firmPhone,
          body: line.text,
          receivedAt: current,
          media: [],
        };
        // The whole inbound path (dedupe, consent ledger, the campaign receiver), as a provider's webhook takes it.
        const outcome = await receiveInboundSms(deps, inbound, 'simulator');
        if (outcome.result === 'stored') conversationId = outcome.conversationId;
        continue;
      }
      if (!conversationId) continue;
      const who = script.agent ?? (script.campaign < 2 ? 'agent1' : 'agent2');
      if (line.from === 'a' && !claimed) {
        await demoClaim(deps, actor(who), conversationId);
        claimed = true;
      }
      await sendMessage(deps, {
        actor: actor(who),
        conversationId,
        message: {
          body: line.text,
          format: 'text',
          visibility: line.from === 'n' ? 'note' : 'public',
          kind: 'message',
        },
      });
    }
    if (conversationId && script.consumer) {
      const who = script.agent ?? (script.campaign < 2 ? 'agent1' : 'agent2');
      await demoConsumer(deps, actor(who), conversationId, script.consumer);
    }
    if (conversationId && script.closeAgo !== undefined) {
      at(script.closeAgo);
      const who = script.agent ?? (script.campaign < 2 ? 'agent1' : 'agent2');
      await demoClose(deps, actor(who), conversationId);
    }
  }
}
