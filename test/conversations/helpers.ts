import { expect } from 'vitest';
import { createConversationRecord } from '../../server/features/conversations/create-conversation-record';
import { inTransaction } from '../../server/platform/bus/in-transaction';
import type { TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';

/** Where a test thread is started: a matter of the firm and a phone of a contact linked to it. */
export interface ThreadPlace {
  firmId: string;
  matterId: string;
  contactId: string;
  contactPhone: string;
}

/**
 * A conversation on the place's matter, created by `creator` as its only member, plus the
 * extra user members given (added by the creator). Secure chats are started through the API;
 * kinds that cannot be created through the API yet are written through the conversation core.
 */
export async function createThread(
  t: TestApp,
  place: ThreadPlace,
  creator: TestClient,
  options: { kind?: string; extraMembers?: string[] } = {},
): Promise<string> {
  let id: string;
  if ((options.kind ?? 'secure_chat') === 'secure_chat') {
    const r = await creator.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: place.matterId,
      contactId: place.contactId,
      contactPhone: place.contactPhone,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
  } else {
    const me = (await creator.get('/api/v1/me')).body.user.id as string;
    const row = await inTransaction(t.deps, (tx) =>
      createConversationRecord(tx, t.deps, {
        firmId: place.firmId,
        kind: options.kind as string,
        createdBy: me,
        matterId: place.matterId,
        members: [{ memberType: 'user', memberId: me, role: 'creator' }],
      }),
    );
    id = row.id;
  }
  for (const userId of options.extraMembers ?? []) {
    const r = await creator.post(`/api/v1/conversations/${id}/members`, { userId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return id;
}

/** Sends a message and expects 201; answers the message. */
export async function send(c: TestClient, conversationId: string, body: string, extra: object = {}) {
  const r = await c.post(`/api/v1/conversations/${conversationId}/messages`, { body, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Expects a problem answer of this status (and slug, when given). */
export function expectProblem(r: Answer, status: number, slug?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  if (slug) expect(r.body.type).toBe(`/problems/${slug}`);
}
