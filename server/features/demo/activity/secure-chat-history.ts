import { addMember } from '../../conversations/add-member';
import { markConversationRead } from '../../conversations/mark-read';
import { setMute } from '../../conversations/set-mute';
import { endSecureChat } from '../../secure-chat/end-secure-chat';
import type { DemoContext } from './context';
import { recordOptOutDemo } from './opted-out-thread';
import type { ThirdMatter } from './third-matter';
import { playThread } from './threads';

/**
 * Secure chats on every matter, weeks of texts both ways: Jane Roe's thread on Roe v. Acme (two
 * attorneys, her last text unread), an ended thread on her work phone, John Smith's estate thread
 * (muted by its creator), a second thread with John on the other pool number that he ended by
 * replying STOP (opted out: its composer is disabled), and a fresh thread with Maria Garcia (unread),
 * her husband Luis added to it as a texts-only member.
 */
export async function seedSecureChatHistory(ctx: DemoContext, third: ThirdMatter): Promise<void> {
  const [roe, smith] = ctx.demo.matterIds as [string, string];
  const [jane, john, maria] = ctx.demo.contactIds as [string, string, string];

  await playThread(ctx, {
    creator: 'attorney1',
    matterId: roe,
    contactId: jane,
    contactPhone: '+12025550143',
    members: ['attorney2'],
    script: [
      {
        day: 20,
        time: '14:02',
        from: 'attorney1',
        text: 'Hi Jane, this is Alex from Demo Law. I have opened a secure line for your case against Acme.',
      },
      {
        day: 20,
        time: '14:05',
        from: 'attorney1',
        text: 'Could you send me the dates of your shifts in March?',
      },
      {
        day: 20,
        time: '14:31',
        from: 'client',
        text: 'Hi Alex, thanks. I worked March 3-7 and 10-14, day shift.',
      },
      { day: 20, time: '14:36', from: 'attorney1', text: 'Perfect, that matches the timesheets. Talk soon.' },
      {
        day: 13,
        time: '16:10',
        from: 'client',
        text: 'Acme sent me a letter about a settlement meeting. Should I go?',
      },
      {
        day: 13,
        time: '16:22',
        from: 'attorney1',
        text: 'Please do not reply to them directly. Forward the letter to me and we will handle it.',
      },
      {
        day: 13,
        time: '16:25',
        from: 'attorney2',
        text: 'Hi Jane, Blair here. I will prepare for that meeting with Alex.',
      },
      { day: 13, time: '16:40', from: 'client', text: 'Forwarded. Thank you both!' },
      {
        day: 4,
        time: '10:15',
        from: 'attorney1',
        text: 'Good news: the deposition is set for the 14th at 10 AM at our office.',
      },
      {
        day: 4,
        time: '10:18',
        from: 'attorney1',
        text: 'Bring a photo ID and any notes you kept at the time.',
      },
      { day: 0, time: '08:47', from: 'client', text: 'Will I need to bring my pay stubs as well?' },
    ],
  });

  const ended = await playThread(ctx, {
    creator: 'attorney2',
    matterId: roe,
    contactId: jane,
    contactPhone: '+12025550144',
    script: [
      {
        day: 16,
        time: '11:00',
        from: 'attorney2',
        text: 'Hi Jane, Blair from Demo Law, texting your work phone about the HR file.',
      },
      { day: 16, time: '11:20', from: 'client', text: 'Got it. HR says the file will be ready Friday.' },
      {
        day: 16,
        time: '11:24',
        from: 'attorney2',
        text: "Thanks. Let's keep using your mobile from now on; I am closing this line.",
      },
    ],
  });
  ctx.setTime(16, '11:30');
  await endSecureChat(ctx.deps, { actor: ctx.actor('attorney2'), conversationId: ended.id });

  const estate = await playThread(ctx, {
    creator: 'attorney2',
    matterId: smith,
    contactId: john,
    contactPhone: '+12025550178',
    script: [
      {
        day: 18,
        time: '09:30',
        from: 'attorney2',
        text: 'Good morning John, Blair from Demo Law about your mother’s estate.',
      },
      {
        day: 18,
        time: '09:33',
        from: 'attorney2',
        text: 'The court accepted the petition. Next step is the inventory of assets.',
      },
      { day: 18, time: '10:02', from: 'client', text: 'Thank you. Do you need the bank statements?' },
      {
        day: 17,
        time: '15:45',
        from: 'attorney2',
        text: 'Yes please, the last three months for each account.',
      },
      { day: 9, time: '13:12', from: 'client', text: 'Statements are in the mail to your office.' },
      { day: 2, time: '17:05', from: 'client', text: 'Also found a life insurance policy in her papers.' },
    ],
  });
  // Blair read up to the statements, then muted the thread: the insurance text stays unread.
  ctx.setTime(9, '13:20');
  await markConversationRead(ctx.deps, {
    actor: ctx.actor('attorney2'),
    conversationId: estate.id,
    messageId: estate.messageIds[4] as string,
  });
  await setMute(ctx.deps, { actor: ctx.actor('attorney2'), conversationId: estate.id, muted: true });

  const reminders = await playThread(ctx, {
    creator: 'attorney2',
    matterId: smith,
    contactId: john,
    contactPhone: '+12025550178',
    script: [
      {
        day: 6,
        time: '08:15',
        from: 'attorney2',
        text: 'Hi John, Blair again: automatic reminders of estate deadlines will come from this number.',
      },
      { day: 6, time: '08:40', from: 'client', text: 'STOP' },
    ],
  });
  await recordOptOutDemo(ctx, {
    conversationId: reminders.id,
    stopMessageId: reminders.messageIds[1] as string,
  });
  ctx.setTime(6, '08:45');
  await markConversationRead(ctx.deps, {
    actor: ctx.actor('attorney2'),
    conversationId: reminders.id,
    messageId: reminders.messageIds[1] as string,
  });

  const garcia = await playThread(ctx, {
    creator: 'attorney1',
    matterId: third.matterId,
    contactId: maria,
    contactPhone: '+13105550199',
    script: [
      {
        day: 1,
        time: '18:00',
        from: 'attorney1',
        text: 'Hi Maria, Alex from Demo Law. The visa petition for you and Luis is filed.',
      },
      { day: 1, time: '18:03', from: 'attorney1', text: 'Expect a receipt notice by mail within two weeks.' },
      { day: 0, time: '07:55', from: 'client', text: 'Wonderful news, thank you! Luis says thank you too.' },
    ],
  });
  // Luis, the other client on the matter, joins as a "Texts only" member: the next texts reach him too.
  ctx.setTime(0, '07:58');
  await addMember(ctx.deps, {
    actor: ctx.actor('attorney1'),
    conversationId: garcia.id,
    contactId: third.contactIds[1] as string,
  });
}
