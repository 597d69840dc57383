import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Contact,
  type Firm,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { waitFor } from '../support/wait';
import { messagesOf, startedThread } from './helpers';

/** Texts the simulated phone received from the firm. */
async function phoneInbox(c: TestClient, phone: string): Promise<{ body: string; from: string }[]> {
  const r = await c.get(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

describe('secure chat, issue 10: texts after the end, named senders, number changes, list and notifications', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let blair: StaffUser;
  let reader: StaffUser;
  let jane: Contact;
  let matterId: string;
  let phone: TestClient;
  const cell = () => jane.phones[0] as string;
  const work = () => jane.phones[1] as string;
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t, { numbers: 3 });
    alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
    blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
    reader = await makeUser(t, firm, { role: 'staff', permissions: ['secure_chat.view_all'] });
    jane = await makeContact(alex, { name: 'Jane Roe', phones: 2 });
    matterId = (await makeMatter(alex, { name: 'Roe v. Acme Corp.', assignees: [blair], contacts: [jane] }))
      .id;
    phone = firm.admin.client;
  });
  afterAll(() => t.close());

  const thread = (contactPhone = cell()) =>
    startedThread(alex.client, { matterId, contactId: jane.id, contactPhone });
  const send = (c: TestClient, id: string, body: string) =>
    c.post(`/api/v1/conversations/${id}/messages`, { body });

  it('keeps a text to an ended thread and tells the creator and view_all holders, with the text and the client', async () => {
    const ended = await thread();
    await alex.client.post(`/api/v1/conversations/${ended.id}/members`, { userId: blair.id });
    expect((await alex.client.post(`/api/v1/conversations/${ended.id}/end`)).status).toBe(200);

    const r = await phone.post('/dev/sms/inbound', {
      from: cell(),
      to: ended.firmPhone,
      body: 'Is the hearing still on?',
    });
    expect(r.body).toMatchObject({ result: 'unlinked', conversationId: ended.id });

    const stored = (await messagesOf(alex.client, ended.id)).find((m) => m.id === r.body.messageId);
    expect(stored).toMatchObject({ authorType: 'contact', body: 'Is the hearing still on?', source: 'sms' });
    expect(Date.parse(stored.createdAt)).toBeGreaterThan(
      Date.parse((await alex.client.get(`/api/v1/conversations/${ended.id}`)).body.endedAt),
    );
    const [sealed] = await t.database.query<{ body_sealed: string }>(
      'select body_sealed from messages where id = $1',
      [r.body.messageId],
    );
    expect(sealed?.body_sealed).not.toContain('hearing');

    const title = `Jane Roe texted ${formatUs(cell())} after the thread ended`;
    for (const who of [alex, reader]) {
      const list = (await who.client.get('/api/v1/notifications')).body.items;
      const note = list.find((n: { messageId: string }) => n.messageId === r.body.messageId);
      expect(note).toMatchObject({
        kind: 'secure_chat.text_after_end',
        title,
        conversationId: ended.id,
        accessible: true,
      });
      const detail = await who.client.get(`/api/v1/notifications/${note.id}`);
      expect(detail.body).toMatchObject({
        text: 'Is the hearing still on?',
        client: { id: jane.id, name: 'Jane Roe', phone: cell() },
        conversationStatus: 'ended',
      });
    }
    // A member who is neither the creator nor a view_all holder is not told.
    const blairs = (await blair.client.get('/api/v1/notifications')).body.items;
    expect(blairs.some((n: { kind: string }) => n.kind === 'secure_chat.text_after_end')).toBe(false);
  });

  it('names the sender on the first text and on a change of sender, with the opt-out footer on the first only', async () => {
    const open = await thread(work());
    await alex.client.post(`/api/v1/conversations/${open.id}/members`, { userId: blair.id });
    for (const [who, body] of [
      [alex, 'One'],
      [alex, 'Two'],
      [blair, 'Three'],
      [alex, 'Four'],
    ] as const)
      expect((await send(who.client, open.id, body)).status).toBe(201);
    const texts = await waitFor(async () => {
      const items = (await phoneInbox(phone, work())).filter((m) => m.from === open.firmPhone);
      return items.length >= 4 ? items.slice(-4) : undefined;
    }, 'four texts');
    expect(texts.map((m) => m.body)).toEqual([
      `${firm.name} - Alex Attorney: One\nReply STOP to opt out`,
      'Two',
      `${firm.name} - Blair Barrister: Three`,
      `${firm.name} - Alex Attorney: Four`,
    ]);
    const texting = await blair.client.get(`/api/v1/conversations/${open.id}/texting`);
    expect(texting.body).toEqual({
      prefix: `${firm.name} - Blair Barrister:`,
      footer: null,
      confirmAboveSegments: 3,
      maxSegments: 10,
      // The client never opted out of this number (sms-consent).
      consent: {
        optedOut: false,
        since: null,
        cause: null,
        keyword: null,
        revocationFlagged: false,
        revocationMessageId: null,
      },
    });
    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
  });

  it('refuses a text above the segment limit with a 422 naming the body; the prefix and footer count', async () => {
    const open = await thread(work());
    await firm.admin.client.put('/api/v1/settings', { secureChatTexting: { maxSegments: 1 } });
    try {
      const refused = await send(alex.client, open.id, 'a'.repeat(150));
      expectProblem(refused, 422, 'sms-too-long');
      expect(refused.body.errors).toEqual([
        { field: 'body.body', message: expect.stringMatching(/at most 1 /) },
      ]);
      expect(await messagesOf(alex.client, open.id)).toEqual([]);
    } finally {
      await firm.admin.client.put('/api/v1/settings', { secureChatTexting: { maxSegments: 10 } });
    }
    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
  });

  it('moves an open thread to another of the client’s phones: audited, shown in the thread, texts follow', async () => {
    const open = await thread(cell());
    expectProblem(
      await alex.client.put(`/api/v1/conversations/${open.id}/contact-phone`, {
        contactPhone: '+12025550199',
      }),
      400,
      'validation',
    );
    await alex.client.post(`/api/v1/conversations/${open.id}/members`, { userId: blair.id });
    expect(
      (await blair.client.put(`/api/v1/conversations/${open.id}/contact-phone`, { contactPhone: work() }))
        .status,
    ).toBe(403);

    const moved = await alex.client.put(`/api/v1/conversations/${open.id}/contact-phone`, {
      contactPhone: work(),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ contactPhone: work(), firmPhone: open.firmPhone });
    const [entry] = await messagesOf(alex.client, open.id);
    expect(entry).toMatchObject({
      kind: 'system',
      body: `Alex Attorney changed the client number from ${formatUs(cell())} to ${formatUs(work())}.`,
    });
    const [audit] = await t.database.query<{ details: Record<string, string> }>(
      `select details from audit_log where action = 'secure_chat.number_changed' and target_id = $1`,
      [open.id],
    );
    expect(audit?.details.to).not.toBe(work());
    const landed = await phone.post('/dev/sms/inbound', {
      from: work(),
      to: open.firmPhone,
      body: 'New phone here',
    });
    expect(landed.body).toMatchObject({ result: 'stored', conversationId: open.id });

    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
    expectProblem(
      await alex.client.put(`/api/v1/conversations/${open.id}/contact-phone`, { contactPhone: cell() }),
      409,
      'conversation-ended',
    );
  });

  it('lists threads with the last message, the creator, an Ended filter and a search by name or number', async () => {
    const open = await thread(cell());
    await send(alex.client, open.id, 'Please bring the signed affidavit tomorrow');
    const list = await alex.client.get(`/api/v1/conversations?kind=secure_chat&matterId=${matterId}`);
    const row = list.body.items.find((c: { id: string }) => c.id === open.id);
    expect(row).toMatchObject({
      creatorName: 'Alex Attorney',
      firmPhone: open.firmPhone,
      lastMessage: {
        authorType: 'user',
        authorName: 'Alex Attorney',
        snippet: 'Please bring the signed affidavit tomorrow',
      },
    });
    const ended = await alex.client.get('/api/v1/conversations?kind=secure_chat&filter=ended');
    expect(ended.body.items.length).toBeGreaterThan(0);
    expect(ended.body.items.every((c: { status: string }) => c.status === 'ended')).toBe(true);

    const byName = await alex.client.get('/api/v1/conversations?kind=secure_chat&filter=open&q=roe');
    expect(byName.body.items.map((c: { id: string }) => c.id)).toContain(open.id);
    const byNumber = await alex.client.get(
      `/api/v1/conversations?kind=secure_chat&q=${encodeURIComponent(formatUs(cell()))}`,
    );
    expect(byNumber.body.items.map((c: { id: string }) => c.id)).toContain(open.id);
    const none = await alex.client.get('/api/v1/conversations?kind=secure_chat&q=nobody-like-this');
    expect(none.body.items).toEqual([]);
    // The access rule holds: a colleague who is no member finds nothing.
    const outsider = await makeUser(t, firm, { role: 'attorney' });
    expect((await outsider.client.get('/api/v1/conversations?kind=secure_chat&q=roe')).body.items).toEqual(
      [],
    );
    const [audit] = await t.database.query(
      `select 1 from audit_log where action = 'conversation.previews_read' and actor_id = $1`,
      [alex.id],
    );
    expect(audit).toBeDefined();
    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
  });

  it('texts contacts added from the matter at their first phone on file, and keeps their replies in the thread', async () => {
    const kim = await makeContact(alex, { name: 'Kim Client', phones: 1 });
    const sam = await makeContact(alex, { name: 'Sam Spouse', phones: 2 });
    const outsider = await makeContact(alex, { name: 'Olly Outsider', phones: 1 });
    const matter = await makeMatter(alex, { name: 'Client v. Spouse', contacts: [kim, sam] });
    const open = await startedThread(alex.client, {
      matterId: matter.id,
      contactId: kim.id,
      contactPhone: kim.phones[0] as string,
    });
    const fromThread = async (to: string) =>
      (await phoneInbox(phone, to)).filter((m) => m.from === open.firmPhone).map((m) => m.body);
    expect((await send(alex.client, open.id, 'Before Sam')).status).toBe(201);
    // Only contacts linked to the matter can be added.
    const refused = await alex.client.post(`/api/v1/conversations/${open.id}/members`, {
      contactId: outsider.id,
    });
    expectProblem(refused, 422, 'not-linked');
    expect(
      (await alex.client.post(`/api/v1/conversations/${open.id}/members`, { contactId: sam.id })).status,
    ).toBe(201);
    const both = await send(alex.client, open.id, 'Hello both');
    expect(both.status).toBe(201);
    expect(both.body.deliveries.map((d: { recipient: string }) => d.recipient).sort()).toEqual(
      [kim.phones[0], sam.phones[0]].sort(),
    );

    // The client's second text from Alex needs no name; Sam's first names the sender and carries the footer.
    await waitFor(
      async () => ((await fromThread(sam.phones[0] as string)).length ? true : undefined),
      'Sam texted',
    );
    expect(await fromThread(sam.phones[0] as string)).toEqual([
      `${firm.name} - Alex Attorney: Hello both\nReply STOP to opt out`,
    ]);
    await waitFor(
      async () => ((await fromThread(kim.phones[0] as string)).length >= 2 ? true : undefined),
      'Kim',
    );
    expect(await fromThread(kim.phones[0] as string)).toEqual([
      `${firm.name} - Alex Attorney: Before Sam\nReply STOP to opt out`,
      'Hello both',
    ]);
    expect(await fromThread(sam.phones[1] as string)).toEqual([]);

    // Sam's reply from the phone on file lands in the thread as Sam's, and is not relayed to the client.
    const reply = await phone.post('/dev/sms/inbound', {
      from: sam.phones[0],
      to: open.firmPhone,
      body: 'Got it',
    });
    expect(reply.body).toMatchObject({ result: 'stored', conversationId: open.id });
    const stored = (await messagesOf(alex.client, open.id)).find((m) => m.id === reply.body.messageId);
    expect(stored).toMatchObject({
      authorType: 'contact',
      authorId: sam.id,
      authorName: 'Sam Spouse',
      body: 'Got it',
    });
    expect(await fromThread(kim.phones[0] as string)).toHaveLength(2);

    // Removed, Sam gets no more texts, and a later text from Sam's phone no longer lands in the thread.
    expect((await alex.client.delete(`/api/v1/conversations/${open.id}/members/${sam.id}`)).status).toBe(200);
    const after = await send(alex.client, open.id, 'Just Kim');
    expect(after.body.deliveries.map((d: { recipient: string }) => d.recipient)).toEqual([kim.phones[0]]);
    const late = await phone.post('/dev/sms/inbound', {
      from: sam.phones[0],
      to: open.firmPhone,
      body: 'Hello?',
    });
    expect(late.body.result).toBe('unlinked');
    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
  });

  it('tells a user they were added to a thread, and removes their notifications when they lose access', async () => {
    const open = await thread(cell());
    await alex.client.post(`/api/v1/conversations/${open.id}/members`, { userId: blair.id });
    const added = (await blair.client.get('/api/v1/notifications')).body.items.find(
      (n: { conversationId: string; kind: string }) =>
        n.conversationId === open.id && n.kind === 'conversation.member_added',
    );
    expect(added).toMatchObject({
      title: 'Alex Attorney added you to a thread with Jane Roe',
      accessible: true,
    });

    await alex.client.delete(`/api/v1/conversations/${open.id}/members/${blair.id}`);
    const after = (await blair.client.get('/api/v1/notifications')).body.items;
    expect(after.some((n: { conversationId: string }) => n.conversationId === open.id)).toBe(false);
    expect((await blair.client.get(`/api/v1/notifications/${added.id}`)).status).toBe(404);
    await alex.client.post(`/api/v1/conversations/${open.id}/end`);
  });
});

/** +1 202 555 0143, as libphonenumber writes a US number internationally. */
function formatUs(e164: string): string {
  return `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
}
