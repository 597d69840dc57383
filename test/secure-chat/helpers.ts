import { expect } from 'vitest';
import type { Frame, Stream } from '../realtime/stream-client';
import type { TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';

/** POST /api/v1/conversations for a secure chat; answers the raw response. */
export function startThread(
  c: TestClient,
  body: { matterId: string; contactId: string; contactPhone: string },
): Promise<Answer> {
  return c.post('/api/v1/conversations', { kind: 'secure_chat', ...body });
}

/** Starts a thread and expects 201; answers the conversation. */
export async function startedThread(
  c: TestClient,
  body: { matterId: string; contactId: string; contactPhone: string },
) {
  const r = await startThread(c, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** The messages of a thread, newest first, as a member sees them. */
export async function messagesOf(c: TestClient, conversationId: string): Promise<any[]> {
  const r = await c.get(`/api/v1/conversations/${conversationId}/messages?limit=200`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

/** The SMS delivery of a message as the thread's member sees it. */
export async function smsDeliveryOf(c: TestClient, conversationId: string, messageId: string) {
  const message = (await messagesOf(c, conversationId)).find((m) => m.id === messageId);
  return message?.deliveries.find((d: { channel: string }) => d.channel === 'sms');
}

/** Rows of secure_chat_links for a client phone. */
export async function linksOf(t: TestApp, clientPhone: string) {
  return t.database.query<{ firm_phone: string; conversation_id: string; user_id: string }>(
    'select firm_phone, conversation_id, user_id from secure_chat_links where client_phone = $1 order by firm_phone',
    [clientPhone],
  );
}

/** Row counts of what starting or messaging a thread writes (a refused request changes none). */
export async function writeCounts(t: TestApp) {
  const [row] = await t.database.query<Record<string, number>>(
    `select (select count(*)::int from conversations) as conversations,
            (select count(*)::int from conversation_members) as members,
            (select count(*)::int from conversation_keys) as keys,
            (select count(*)::int from secure_chat_links) as links,
            (select count(*)::int from messages) as messages,
            (select count(*)::int from outbox) as outbox,
            (select count(*)::int from audit_log) as audit`,
  );
  return row as Record<string, number>;
}

/**
 * The next frame of this type that `matches` (others are skipped): with Redis, test apps running at
 * the same time share one channel, so a socket also hears the demo users' events of other apps.
 */
export async function nextMatching(
  stream: Stream,
  type: string,
  matches: (data: any) => boolean,
): Promise<Frame> {
  for (;;) {
    const frame = await stream.next(type);
    if (matches(frame.data)) return frame;
  }
}
