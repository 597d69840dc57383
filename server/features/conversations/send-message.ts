import type { Deps } from '../../deps';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, unprocessable } from '../../platform/http/problem';
import { loadConversationFor } from './access';
import { messageView } from './message-views';
import type { SendMessageBody } from './schemas';
import { findMessage, storeMessage } from './store-message';

/**
 * A member sends a message. A retry answers the stored message (created false) even after the
 * thread ended. Nothing is locked up front: the message's primary key makes concurrent retries of
 * one client id store a single message, and the write itself refuses a conversation that ended
 * since it was read.
 */
export async function sendMessage(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; message: SendMessageBody },
) {
  const { actor, message } = input;
  return inTransaction(deps, async (tx, events) => {
    const { row, members } = await loadConversationFor(
      deps.conversations.rules,
      tx,
      actor,
      input.conversationId,
      'send',
      { members: true },
    );
    const resent = message.id ? await findMessage(tx, actor.firmId, message.id) : null;
    if (resent && resent.conversationId === row.id) {
      return { created: false, message: await messageView(tx, deps, row, resent) };
    }
    if (row.status !== 'open')
      throw conflict('conversation-ended', 'This conversation has ended; start a new one to write again.');
    if (message.attachmentIds && message.attachmentIds.length > 0)
      throw unprocessable(
        'attachments-not-supported',
        'Attachments cannot be sent in this conversation yet.',
      );
    const choose = deps.conversations.channels?.[row.kind];
    const channel = choose
      ? await choose(tx, deps, {
          conversation: row,
          requested: message.channel,
          visibility: message.visibility ?? 'public',
          kind: message.kind ?? 'message',
        })
      : null;
    const stored = await storeMessage(tx, deps, {
      conversation: row,
      id: message.id,
      author: { type: 'user', id: actor.userId },
      body: message.body,
      format: message.format,
      visibility: message.visibility,
      kind: message.kind,
      channel,
      source: actor.via === 'token' ? 'api' : 'web',
      members,
      requireOpen: true,
      idIsNew: true,
    });
    events.push(...stored.events);
    return {
      created: stored.created,
      message: stored.view ?? (await messageView(tx, deps, row, stored.message)),
    };
  });
}
