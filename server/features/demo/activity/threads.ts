import { addMember } from '../../conversations/add-member';
import { sendMessage } from '../../conversations/send-message';
import { createSecureChat } from '../../secure-chat/create-secure-chat';
import type { DemoFirm } from '../seed-demo';
import type { DemoContext } from './context';

type DemoUser = keyof DemoFirm['userIds'];

/** One line of a demo thread: when (days ago, hh:mm UTC), who wrote it, and what. */
export interface ScriptLine {
  day: number;
  time: string;
  /** A demo user, or "client" for the contact texting back. */
  from: DemoUser | 'client';
  text: string;
}

/**
 * Starts a secure chat at the time of its first line and plays the script through the real use
 * cases, so texts are encrypted, notifications raised and billable time captured as in use.
 * Answers the thread id and the ids of its messages, in script order.
 */
export async function playThread(
  ctx: DemoContext,
  thread: {
    creator: DemoUser;
    matterId: string;
    contactId: string;
    contactPhone: string;
    members?: DemoUser[];
    script: ScriptLine[];
  },
): Promise<{ id: string; messageIds: string[] }> {
  const [first] = thread.script;
  if (first) ctx.setTime(first.day, first.time);
  const created = await createSecureChat(ctx.deps, {
    actor: ctx.actor(thread.creator),
    body: {
      kind: 'secure_chat',
      matterId: thread.matterId,
      contactId: thread.contactId,
      contactPhone: thread.contactPhone,
    },
  });
  for (const member of thread.members ?? [])
    await addMember(ctx.deps, {
      actor: ctx.actor(thread.creator),
      conversationId: created.id,
      userId: ctx.demo.userIds[member],
    });
  const messageIds: string[] = [];
  for (const line of thread.script) {
    ctx.setTime(line.day, line.time);
    if (line.from === 'client')
      messageIds.push(await ctx.clientText(created.id, thread.contactId, line.text));
    else {
      const sent = await sendMessage(ctx.deps, {
        actor: ctx.actor(line.from),
        conversationId: created.id,
        message: { body: line.text, format: 'text', visibility: 'public', kind: 'message' },
      });
      messageIds.push(sent.message.id);
    }
  }
  return { id: created.id, messageIds };
}
