import type { Deps } from '../../deps';
import { inTransaction, publishEvents } from '../../platform/bus/in-transaction';
import type { StaffActor } from '../../platform/http/actor';
import { conflict, unprocessable } from '../../platform/http/problem';
import { loadConversationFor } from './access';
import { messageView } from './message-views';
import type { SendMessageBody } from './schemas';
import { draftOf, findMessage, listenersActOn, storeMessage, storeMessageAlone } from './store-message';

/**
 * A member sends a message. A retry answers the stored message (created false) even after the
 * thread ended. Nothing is locked up front: the message's primary key makes concurrent retries of
 * one client id store a single message, and the write itself refuses a conversation that ended
 * since it was read. The reads come first, on the pool; a transaction is opened only for a message
 * a listener acts on (a text, a notification, billable time), since the message's own write is one
 * statement.
 */
export async function sendMessage(
  deps: Deps,
  input: { actor: StaffActor; ip?: string; conversationId: string; message: SendMessageBody },
) {
  const { actor, message } = input;
  const { db } = deps;
  const { row, members } = await loadConversationFor(
    deps.conversations.rules,
    db,
    actor,
    input.conversationId,
    'send',
    { members: true },
  );
  const resent = message.id ? await findMessage(db, actor.firmId, message.id) : null;
  if (resent && resent.conversationId === row.id) {
    return { created: false, message: await messageView(db, deps, row, resent) };
  }
  if (row.status !== 'open')
    throw conflict('conversation-ended', 'This conversation has ended; start a new one to write again.');
  if (message.attachmentIds && message.attachmentIds.length > 0)
    throw unprocessable('attachments-not-supported', 'Attachments cannot be sent in this conversation yet.');
  const choose = deps.conversations.channels?.[row.kind];
  const channel = choose
    ? await choose(db, deps, {
        conversation: row,
        requested: message.channel,
        visibility: message.visibility ?? 'public',
        kind: message.kind ?? 'message',
      })
    : null;
  const newMessage = {
    conversation: row,
    id: message.id,
    author: { type: 'user' as const, id: actor.userId },
    body: message.body,
    format: message.format,
    visibility: message.visibility,
    kind: message.kind,
    channel,
    source: actor.via === 'token' ? 'api' : 'web',
    members,
    requireOpen: true,
    idIsNew: true,
  };
  const stored =
    members && !listenersActOn(deps.conversations, draftOf({ ...newMessage, members }))
      ? await storeMessageAlone(db, deps, { ...newMessage, members }).then((alone) => {
          publishEvents(deps, alone.events);
          return alone;
        })
      : await inTransaction(deps, async (tx, events) => {
          const inTx = await storeMessage(tx, deps, newMessage);
          events.push(...inTx.events);
          return inTx;
        });
  return {
    created: stored.created,
    message: stored.view ?? (await messageView(db, deps, row, stored.message)),
  };
}
