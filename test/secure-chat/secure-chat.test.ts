import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSegments } from '../../contracts/sms-segments';
import { createConversationRecord } from '../../server/features/conversations/create-conversation-record';
import { inTransaction } from '../../server/platform/bus/in-transaction';
import { expectProblem } from '../conversations/helpers';
import { openStream } from '../realtime/stream-client';
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
import { settledJobs } from '../support/outbox';
import { waitFor } from '../support/wait';
import {
  linksOf,
  messagesOf,
  nextMatching,
  smsDeliveryOf,
  startedThread,
  startThread,
  writeCounts,
} from './helpers';

/** A US number in E.164 written the way people type it: %a area code, %e exchange, %n line. */
function formatted(e164: string, pattern: string): string {
  return pattern.replace('%a', e164.slice(2, 5)).replace('%e', e164.slice(5, 8)).replace('%n', e164.slice(8));
}

/** Texts the simulated phone received. */
async function phoneInbox(c: TestClient, phone: string) {
  const r = await c.get(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as {
    id: string;
    from: string;
    to: string;
    body: string;
    segments: number;
    at: string;
  }[];
}

/** The simulated client texts a firm number. */
async function clientTexts(c: TestClient, from: string, to: string, body: string, id?: string) {
  const r = await c.post('/dev/sms/inbound', { from, to, body, ...(id ? { id } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { result: string; conversationId?: string; messageId?: string; autoReplied?: boolean };
}

describe('secure chat over the SMS simulator', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let blair: StaffUser;
  let casey: StaffUser;
  /** Linked to Roe; two phones. */
  let jane: Contact;
  /** Linked to Smith, blair's matter, which alex cannot see. */
  let john: Contact;
  /** Linked to no matter. */
  let maria: Contact;
  let smithMatter: string;
  let janeMobile: string;
  let janeWork: string;
  /** The first number of the firm's pool, the one a thread takes when all are free. */
  let poolA: string;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let agent1: TestClient;
  let phone: TestClient;
  let roe: { matterId: string; contactId: string };
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
    blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
    casey = await makeUser(t, firm, { role: 'agent' });
    jane = await makeContact(alex, { name: 'Jane Roe', phones: 2 });
    john = await makeContact(blair, { name: 'John Smith' });
    maria = await makeContact(alex);
    const roeMatter = await makeMatter(alex, {
      name: 'Roe v. Acme Corp.',
      assignees: [blair],
      contacts: [jane],
    });
    smithMatter = (await makeMatter(blair, { name: 'Estate of Smith', contacts: [john] })).id;
    [janeMobile, janeWork] = jane.phones as [string, string];
    poolA = [...firm.secureChatNumbers].sort()[0] as string;
    attorney1 = alex.client;
    attorney2 = blair.client;
    agent1 = casey.client;
    // The simulated phones show a firm its own texts: its admin reads them.
    phone = firm.admin.client;
    roe = { matterId: roeMatter.id, contactId: jane.id };
  });
  afterAll(() => t.close());

  it('starts a thread on Roe v. Acme Corp. with Jane’s phone: creator only member, linked pool number', async () => {
    const thread = await startedThread(attorney1, {
      ...roe,
      contactPhone: formatted(janeMobile, '(%a) %e-%n'),
    });
    expect(thread).toMatchObject({
      kind: 'secure_chat',
      status: 'open',
      matterId: roe.matterId,
      contact: { id: jane.id, name: 'Jane Roe' },
      contactPhone: janeMobile,
      firmPhone: poolA,
      createdBy: alex.id,
      member: true,
      abilities: { send: true, manageMembers: true, end: true, delete: true },
    });
    expect(thread.members).toEqual([
      expect.objectContaining({ id: alex.id, type: 'user', role: 'creator', muted: false }),
    ]);
    expect(await linksOf(t, janeMobile)).toEqual([
      { firm_phone: poolA, conversation_id: thread.id, user_id: alex.id },
    ]);
    const [audit] = await t.database.query<{ actor_id: string; details: Record<string, unknown> }>(
      `select actor_id, details from audit_log where action = 'secure_chat.created' and target_id = $1`,
      [thread.id],
    );
    expect(audit).toMatchObject({ actor_id: alex.id, details: { firmPhone: poolA } });

    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
  });

  it('texts a staff message to the client from the linked number, with its segments and delivery ticks', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeMobile });
    const long = `Your hearing moved to Friday 10am, courtroom 4B. ${'Bring the signed affidavit and your ID. '.repeat(4)}`;
    const curly = 'See you there — don’t be late 🙂';
    const sentLong = (await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body: long }))
      .body;
    const sentCurly = (await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body: curly }))
      .body;
    // The first text of the thread names the firm and the sender and ends with the opt-out footer;
    // the next one from the same sender goes out as written.
    const firstText = `${firm.name} - Alex Attorney: ${long}\nReply STOP to opt out`;
    const firstSegments = countSegments(firstText);
    expect(sentCurly.deliveries).toEqual([expect.objectContaining({ channel: 'sms', segments: 1 })]);
    expect(sentLong.deliveries).toEqual([
      expect.objectContaining({
        channel: 'sms',
        recipient: janeMobile,
        status: 'queued',
        segments: firstSegments,
      }),
    ]);

    const inbox = await waitFor(async () => {
      const items = await phoneInbox(phone, formatted(janeMobile, '%a-%e-%n'));
      return items.some((m) => m.body === curly) ? items : undefined;
    }, 'both texts on the simulated phone');
    const texts = inbox.filter((m) => m.body === firstText || m.body === curly);
    expect(texts.map((m) => ({ from: m.from, to: m.to, body: m.body, segments: m.segments }))).toEqual([
      { from: thread.firmPhone, to: janeMobile, body: firstText, segments: firstSegments },
      { from: thread.firmPhone, to: janeMobile, body: curly, segments: countSegments(curly) },
    ]);
    expect(countSegments(curly)).toBe(1);

    const delivered = await waitFor(async () => {
      const d = await smsDeliveryOf(attorney1, thread.id, sentLong.id);
      return d?.status === 'delivered' ? d : undefined;
    }, 'the delivered tick');
    expect(delivered).toMatchObject({ recipient: janeMobile, segments: firstSegments });
    const [row] = await t.database.query<{ provider_id: string }>(
      `select provider_id from message_deliveries where message_id = $1`,
      [sentLong.id],
    );
    expect(texts[0]?.id).toBe(row?.provider_id);

    // The outbox job names the message; its content never sits there in clear.
    const jobs = await settledJobs<{ payload: string; idempotency_key: string; status: string }>(
      t.database,
      `select payload::text as payload, idempotency_key, status from outbox where topic = 'sms.send' and idempotency_key = $1`,
      [sentLong.id],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.status).toBe('sent');
    expect(jobs[0]?.payload).not.toMatch(/hearing|affidavit/);
    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
  });

  it('sends nothing by SMS for internal notes', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeMobile });
    const note = await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, {
      body: 'Internal: client seems nervous',
      visibility: 'note',
    });
    expect(note.status).toBe(201);
    expect(note.body.deliveries).toEqual([]);
    const jobs = await t.database.query(`select 1 from outbox where idempotency_key = $1`, [note.body.id]);
    expect(jobs).toHaveLength(0);
    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
  });

  it('lands the client’s reply in the thread, notifies unmuted members and pushes message.created to members only', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeMobile });
    const added = await attorney1.post(`/api/v1/conversations/${thread.id}/members`, {
      userId: blair.id,
    });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    const creator = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    const member = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    const outsider = await openStream(t.url, { session: agent1.cookie('parley_session') });
    try {
      await Promise.all([creator.next('ready'), member.next('ready'), outsider.next('ready')]);
      const reply = 'Yes, Friday works. Thank you!';
      const landed = await clientTexts(phone, formatted(janeMobile, '(%a) %e-%n'), thread.firmPhone, reply);
      expect(landed).toMatchObject({ result: 'stored', conversationId: thread.id });

      const [newest] = await messagesOf(attorney1, thread.id);
      expect(newest).toMatchObject({
        id: landed.messageId,
        authorType: 'contact',
        authorId: jane.id,
        authorName: 'Jane Roe',
        body: reply,
        source: 'sms',
        deliveries: [],
      });
      const about = (data: any) => data.message?.id === landed.messageId;
      const pushed = await nextMatching(creator, 'message.created', about);
      expect(pushed.data.message).toMatchObject({ id: landed.messageId, body: reply, authorType: 'contact' });
      expect((await nextMatching(member, 'message.created', about)).data.message.body).toBe(reply);

      for (const c of [attorney1, attorney2]) {
        const notes = await c.get('/api/v1/notifications?unread=true');
        const mine = notes.body.items.filter((n: { messageId: string }) => n.messageId === landed.messageId);
        expect(mine).toHaveLength(1);
        expect(mine[0].title).not.toContain('Friday');
      }

      // attorney2 mutes the thread: the next reply notifies the creator only.
      expect((await attorney2.put(`/api/v1/conversations/${thread.id}/mute`, { muted: true })).status).toBe(
        200,
      );
      const second = await clientTexts(phone, janeMobile, thread.firmPhone, 'One more question');
      expect(second.result).toBe('stored');
      const creatorNotes = await attorney1.get('/api/v1/notifications?unread=true');
      expect(creatorNotes.body.items.map((n: { messageId: string }) => n.messageId)).toContain(
        second.messageId,
      );
      const mutedNotes = await attorney2.get('/api/v1/notifications?unread=true');
      expect(mutedNotes.body.items.map((n: { messageId: string }) => n.messageId)).not.toContain(
        second.messageId,
      );
      await nextMatching(member, 'message.created', (data) => data.message?.id === second.messageId);

      // A sentinel after everything else: the outsider's socket got nothing of the thread.
      const nonce = crypto.randomUUID();
      t.deps.bus.publish({
        type: 'sentinel',
        firmId: firm.id,
        audience: { userIds: [casey.id] },
        data: { nonce },
      });
      await nextMatching(outsider, 'sentinel', (data) => data.nonce === nonce);
      const leaked = outsider.frames.filter((f) => JSON.stringify(f.data).includes(thread.id));
      expect(leaked).toEqual([]);
    } finally {
      for (const s of [creator, member, outsider]) s.ws.close();
    }
    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
  });

  it('stores a text the provider delivers twice (same provider id) once', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeMobile });
    const first = await clientTexts(phone, janeMobile, thread.firmPhone, 'Did you get this?', 'SIMdup1');
    const again = await clientTexts(phone, janeMobile, thread.firmPhone, 'Did you get this?', 'SIMdup1');
    expect(first.result).toBe('stored');
    expect(again).toEqual({ result: 'duplicate' });
    const bodies = (await messagesOf(attorney1, thread.id)).map((m) => m.body);
    expect(bodies.filter((b) => b === 'Did you get this?')).toHaveLength(1);
    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
  });

  it('refuses a contact not linked to the matter, a phone not the contact’s, and a matter the user cannot see', async () => {
    const before = await writeCounts(t);
    expectProblem(
      await startThread(attorney1, {
        matterId: roe.matterId,
        contactId: maria.id,
        contactPhone: maria.phones[0] as string,
      }),
      422,
      'contact-not-linked',
    );
    const wrongPhone = await startThread(attorney1, { ...roe, contactPhone: john.phones[0] as string });
    expectProblem(wrongPhone, 400, 'validation');
    expect(wrongPhone.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.contactPhone']);
    expectProblem(await startThread(attorney1, { ...roe, contactPhone: 'call me maybe' }), 400, 'validation');
    expectProblem(await startThread(agent1, { ...roe, contactPhone: janeMobile }), 404, 'not-found');
    expectProblem(
      await startThread(attorney1, {
        matterId: smithMatter,
        contactId: john.id,
        contactPhone: john.phones[0] as string,
      }),
      404,
      'not-found',
    );
    expect(await writeCounts(t)).toEqual(before);
  });

  it('ends a thread: 409 on a second end and on sending, archive readable, slot and number freed', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeWork });
    const said = await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, {
      body: 'Before the end',
    });
    expect(said.status).toBe(201);
    await attorney1.post(`/api/v1/conversations/${thread.id}/members`, { userId: blair.id });
    expectProblem(await attorney2.post(`/api/v1/conversations/${thread.id}/end`), 403, 'forbidden');
    expectProblem(await agent1.post(`/api/v1/conversations/${thread.id}/end`), 404, 'not-found');

    const stream = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    try {
      await stream.next('ready');
      const ended = await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      expect(ended.body).toMatchObject({ id: thread.id, status: 'ended', firmPhone: thread.firmPhone });
      expect(ended.body.endedAt).toEqual(expect.any(String));
      const updated = await nextMatching(stream, 'conversation.updated', (data) => data.id === thread.id);
      expect(updated.data).toMatchObject({
        id: thread.id,
        reason: 'status',
        status: 'ended',
        endedAt: ended.body.endedAt,
      });
    } finally {
      stream.ws.close();
    }
    expect(await linksOf(t, janeWork)).toEqual([]);
    expectProblem(await attorney1.post(`/api/v1/conversations/${thread.id}/end`), 409, 'already-ended');
    expectProblem(
      await attorney1.post(`/api/v1/conversations/${thread.id}/messages`, { body: 'After the end' }),
      409,
      'conversation-ended',
    );
    expect((await messagesOf(attorney1, thread.id)).map((m) => m.body)).toEqual(['Before the end']);
    const [audit] = await t.database.query(
      `select 1 from audit_log where action = 'secure_chat.ended' and target_id = $1`,
      [thread.id],
    );
    expect(audit).toBeDefined();

    // The freed number is taken again by the next thread with this phone.
    const next = await startedThread(attorney1, { ...roe, contactPhone: janeWork });
    expect(next.firmPhone).toBe(thread.firmPhone);
    await attorney1.post(`/api/v1/conversations/${next.id}/end`);
  });

  it('keeps a later text on the ended thread, not as an open conversation: one polite auto-reply a day, never to STOP', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeWork });
    await attorney1.post(`/api/v1/conversations/${thread.id}/end`);
    const before = (await phoneInbox(phone, janeWork)).length;
    const messagesBefore = await writeCounts(t);

    const late = await clientTexts(phone, janeWork, thread.firmPhone, 'Hello? Anyone there?');
    expect(late).toEqual({
      result: 'unlinked',
      autoReplied: true,
      conversationId: thread.id,
      messageId: expect.any(String),
    });
    const inbox = await waitFor(async () => {
      const items = await phoneInbox(phone, janeWork);
      return items.length > before ? items : undefined;
    }, 'the automatic reply');
    const autoReply = inbox.at(-1);
    expect(autoReply).toMatchObject({ from: thread.firmPhone, to: janeWork, segments: 1 });
    expect(autoReply?.body).toMatch(new RegExp(`^${firm.name}: this conversation has ended`));

    expect(await clientTexts(phone, janeWork, thread.firmPhone, 'Hello again?')).toMatchObject({
      result: 'unlinked',
      autoReplied: false,
      conversationId: thread.id,
    });
    expect(await clientTexts(phone, janeWork, thread.firmPhone, 'STOP')).toMatchObject({
      result: 'unlinked',
      autoReplied: false,
    });
    expect((await messagesOf(attorney1, thread.id)).map((m) => m.body)).toEqual([
      'STOP',
      'Hello again?',
      'Hello? Anyone there?',
    ]);
    expect((await writeCounts(t)).messages).toBe(Number(messagesBefore.messages) + 3);
    expect((await attorney1.get(`/api/v1/conversations/${thread.id}`)).body.status).toBe('ended');
    const audits = await t.database.query<{ details: { from: string; autoReplied: boolean } }>(
      `select details from audit_log where action = 'sms.inbound_unlinked' and target_id = $1 order by seq`,
      [thread.firmPhone],
    );
    expect(audits.map((a) => a.details.autoReplied)).toEqual([true, false, false]);
    expect(JSON.stringify(audits)).not.toContain(janeWork);
  });

  it('ends only secure chats', async () => {
    const internal = await inTransaction(t.deps, (tx) =>
      createConversationRecord(tx, t.deps, {
        firmId: firm.id,
        kind: 'internal',
        createdBy: alex.id,
        members: [{ memberType: 'user', memberId: alex.id, role: 'creator' }],
      }),
    ).then((row) => row.id);
    expectProblem(await attorney1.post(`/api/v1/conversations/${internal}/end`), 422, 'not-secure-chat');
  });

  it('deletes a thread with its link: later texts to that number land nowhere', async () => {
    const thread = await startedThread(attorney1, { ...roe, contactPhone: janeMobile });
    expect((await clientTexts(phone, janeMobile, thread.firmPhone, 'hi')).result).toBe('stored');
    const deleted = await attorney1.delete(`/api/v1/conversations/${thread.id}`);
    expect(deleted.status).toBe(204);
    expect((await linksOf(t, janeMobile)).map((l) => l.conversation_id)).not.toContain(thread.id);
    expect((await clientTexts(phone, janeMobile, thread.firmPhone, 'still there?')).result).toBe('unlinked');
    const [{ n } = { n: -1 }] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from messages where conversation_id = $1',
      [thread.id],
    );
    expect(n).toBe(0);
  });

  it('validates the simulated phone’s input and refuses numbers the firm does not own', async () => {
    const bad = await phone.post('/dev/sms/inbound', { from: 'nope', to: poolA, body: 'x' });
    expectProblem(bad, 400, 'validation');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.from']);
    const unowned = await phone.post('/dev/sms/inbound', {
      from: janeMobile,
      to: '+12025550999',
      body: 'x',
    });
    expectProblem(unowned, 404, 'not-found');
  });
});
