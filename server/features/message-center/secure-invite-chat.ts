import { and, desc, eq } from 'drizzle-orm';
import type { MessageOut } from '../../../contracts/conversations';
import type { CustomerMessageOut, CustomerStreamFrame } from '../../../contracts/secure-invites';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import type { BusEvent } from '../../platform/bus/bus';
import { inTransaction } from '../../platform/bus/in-transaction';
import { messages } from '../../platform/db/schema';
import { forbidden } from '../../platform/http/problem';
import { describeError } from '../../platform/log/describe-error';
import { constantTimeEqual } from '../auth';
import { type ConversationRow, loadConversation, type MessageRow } from '../conversations/queries';
import { decryptBodies } from '../conversations/read-message-bodies';
import { storeMessage } from '../conversations/store-message';
import { scheduleAlert } from './alerts';
import { type LinkRequest, requireJoined } from './secure-invite-customer';
import type { InviteRow } from './secure-invite-queries';

/** How many of the newest messages the customer's page shows. */
const HISTORY_LIMIT = 200;

/** A message as the customer sees it (the caller passes only public messages). */
export function customerMessage(
  row: Pick<MessageRow, 'id' | 'authorType' | 'channel' | 'createdAt'>,
  body: string,
): CustomerMessageOut {
  return {
    id: row.id,
    from: row.authorType === 'contact' ? 'customer' : 'business',
    body,
    channel: row.channel === 'secure' ? 'secure' : 'sms',
    createdAt: row.createdAt.toISOString(),
  };
}

/** True for what the customer may read: public messages, never notes, status lines or system entries. */
export function customerSees(m: { visibility: string; kind: string }): boolean {
  return m.visibility === 'public' && m.kind === 'message';
}

function auditRead(invite: InviteRow, ip: string | undefined, ids: string[]) {
  return {
    firmId: invite.firmId,
    actorType: 'contact' as const,
    actorId: null,
    ip: ip ?? null,
    action: 'message_center.secure_chat_read',
    targetType: 'conversation',
    targetId: invite.conversationId,
    details: { inviteId: invite.id, messages: ids.length, newestMessageId: ids[ids.length - 1] ?? null },
  };
}

/**
 * The chat as the customer's verified device sees it, oldest first: the public messages of the
 * conversation, those texted earlier (channel sms) as its history and those of the secure chat;
 * never notes. Every read is audited.
 */
export async function customerMessages(deps: Deps, request: LinkRequest) {
  const { invite, conversation } = await requireJoined(deps.db, deps, request);
  const rows = await deps.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.firmId, conversation.firmId),
        eq(messages.conversationId, conversation.id),
        eq(messages.visibility, 'public'),
        eq(messages.kind, 'message'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(HISTORY_LIMIT);
  rows.reverse();
  const bodies = await decryptBodies(deps.db, deps, conversation, rows);
  await recordAudit(
    deps.db,
    auditRead(
      invite,
      request.ip,
      rows.map((r) => r.id),
    ),
    deps.clock(),
  );
  return { items: rows.map((row, i) => customerMessage(row, bodies[i] as string)) };
}

/**
 * The customer writes in the secure chat: stored encrypted through the conversation core as their
 * message on channel secure (never texted), so the agents hear it, are alerted and notified as for
 * a text. The write needs the device's CSRF token; `id` makes a retry store one message.
 */
export async function sendCustomerMessage(
  deps: Deps,
  request: LinkRequest & { csrfToken: string | undefined; id?: string; body: string },
): Promise<{ created: boolean; message: CustomerMessageOut }> {
  return inTransaction(deps, async (tx, events) => {
    const { invite, conversation } = await requireJoined(tx, deps, request);
    if (!request.csrfToken || !invite.csrfToken || !constantTimeEqual(request.csrfToken, invite.csrfToken))
      throw forbidden('Reload the page and try again.');
    const locked = (await loadConversation(
      tx,
      conversation.firmId,
      conversation.id,
      true,
    )) as ConversationRow;
    const stored = await storeMessage(tx, deps, {
      conversation: locked,
      id: request.id,
      author: { type: 'contact', id: null },
      body: request.body,
      source: 'secure',
      channel: 'secure',
    });
    events.push(...stored.events);
    if (stored.created) {
      const current = (await loadConversation(tx, conversation.firmId, conversation.id)) as ConversationRow;
      // A claimed conversation whose customer starts waiting starts its wait clock, as for a text.
      if (current.assigneeId !== null && locked.waitingSince === null && current.waitingSince !== null)
        await scheduleAlert(tx, deps, current);
    }
    return { created: stored.created, message: customerMessage(stored.message, request.body) };
  });
}

/** What the customer's stream does with a bus event: a frame to send, the end of the chat, or nothing. */
export function streamFrameFor(
  event: BusEvent,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
): { frame: CustomerStreamFrame; readIds?: string[]; end?: boolean } | null {
  if (event.firmId !== conversation.firmId) return null;
  const data = event.data as {
    id?: string;
    conversationId?: string;
    status?: string;
    message?: Pick<
      MessageOut,
      'id' | 'authorType' | 'channel' | 'createdAt' | 'body' | 'visibility' | 'kind'
    >;
  };
  if (event.type === 'message.created' && data.conversationId === conversation.id) {
    const m = data.message;
    if (!m || !customerSees(m)) return null;
    return {
      frame: {
        type: 'message',
        message: customerMessage(
          {
            id: m.id,
            authorType: m.authorType,
            channel: m.channel ?? null,
            createdAt: new Date(m.createdAt),
          },
          m.body,
        ),
      },
      readIds: [m.id],
    };
  }
  if (event.type === 'conversation.updated' && data.id === conversation.id && data.status !== 'open')
    return { frame: { type: 'ended', reason: 'conversation-closed' }, end: true };
  if (
    event.type === 'secure_invite.updated' &&
    data.conversationId === conversation.id &&
    (data.status === 'revoked' || data.status === 'burnt')
  )
    return { frame: { type: 'ended', reason: `link-${data.status}` }, end: true };
  return null;
}

/** An open customer stream: write frames until `close`. */
export interface CustomerStreamSink {
  write(frame: CustomerStreamFrame): void;
  close(): void;
}

/**
 * Live delivery to the customer's verified device: hears only its own conversation's public
 * messages (and that the chat ended), from the event bus like every stream, so it works across
 * processes. Each message delivered is a read of content and is audited. Answers the function that
 * stops it.
 */
export async function openCustomerStream(
  deps: Deps,
  request: LinkRequest,
  sink: CustomerStreamSink,
): Promise<() => void> {
  const { invite, conversation } = await requireJoined(deps.db, deps, request);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    offResync();
  };
  const unsubscribe = deps.bus.subscribe((event) => {
    if (stopped) return;
    const outcome = streamFrameFor(event, conversation);
    if (!outcome) return;
    sink.write(outcome.frame);
    if (outcome.readIds)
      recordAudit(deps.db, auditRead(invite, request.ip, outcome.readIds)).catch((error: unknown) =>
        deps.log.error({ err: describeError(error) }, 'secure chat read audit failed'),
      );
    if (outcome.end) {
      stop();
      sink.close();
    }
  });
  const offResync = deps.bus.onResync(() => sink.write({ type: 'resync' }));
  sink.write({ type: 'ready' });
  return stop;
}
