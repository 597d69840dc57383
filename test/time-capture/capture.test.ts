import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRow } from '../../server/features/conversations/queries';
import { storeMessage } from '../../server/features/conversations/store-message';
import { captureTimeForMessage } from '../../server/features/time-capture/capture-time';
import { inTransaction } from '../../server/platform/bus/in-transaction';
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
import { at, createConversation, sendAt, storedEvents, T0 } from './helpers';

let t: TestApp;
let firm: Firm;
let alex: StaffUser;
let blair: StaffUser;
let jane: Contact;
let john: Contact;
/** "Roe v. Acme Corp.": alex owns, blair assigned, Jane linked. */
let roeMatter: string;
/** "Estate of Smith": blair owns, John linked. */
let smithMatter: string;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
  blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
  jane = await makeContact(alex, { name: 'Jane Roe' });
  john = await makeContact(blair, { name: 'John Smith' });
  roeMatter = (await makeMatter(alex, { name: 'Roe v. Acme Corp.', assignees: [blair], contacts: [jane] }))
    .id;
  smithMatter = (await makeMatter(blair, { name: 'Estate of Smith', contacts: [john] })).id;
  admin = firm.admin.client;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.database.query('delete from time_entries');
  await t.database.query('delete from billable_events');
  await admin.put('/api/v1/settings', { timeCapture: { includeContentInDescription: false } });
});

const secureChat = (createdBy = alex.id, memberIds: string[] = []) =>
  createConversation(t, {
    firmId: firm.id,
    kind: 'secure_chat',
    matterId: roeMatter,
    contactId: jane.id,
    createdBy,
    memberIds,
  });
const asUser = (id: string) => ({ type: 'user' as const, id });

describe('the window rule through the real message path', () => {
  it('extends the event with a text 9:59 after the user’s last text', async () => {
    const c = await secureChat();
    await sendAt(t, c, asUser(alex.id), at(0));
    await sendAt(t, c, asUser(alex.id), at(9, 59));
    const events = await storedEvents(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      user_id: alex.id,
      matter_id: roeMatter,
      conversation_id: c.id,
      source: 'secure_chat',
      status: 'open',
      message_count: 2,
      // 9:59 between first and last text + 60 s for each of the two texts.
      duration_seconds: 599 + 120,
      // 15:00Z is 10:00 AM in US Eastern time, the zone descriptions are written in.
      description: 'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 10:00–10:09 AM)',
    });
    expect(events[0]?.started_at.toISOString()).toBe(T0.toISOString());
    expect(events[0]?.ended_at.toISOString()).toBe(at(9, 59).toISOString());
  });

  it('starts a new event with a text exactly 10:00 after the last one (the window has passed)', async () => {
    const c = await secureChat();
    await sendAt(t, c, asUser(alex.id), at(0));
    await sendAt(t, c, asUser(alex.id), at(10));
    const events = await storedEvents(t);
    expect(events.map((e) => [e.message_count, e.duration_seconds, e.collecting])).toEqual([
      [1, 60, false],
      [1, 60, true],
    ]);
  });

  it('starts a new event at 10:01 even though the client texted in between', async () => {
    const c = await secureChat();
    await sendAt(t, c, asUser(alex.id), at(0));
    await sendAt(t, c, { type: 'contact', id: jane.id }, at(5));
    await sendAt(t, c, { type: 'contact', id: jane.id }, at(9, 30));
    await sendAt(t, c, asUser(alex.id), at(10, 1));
    const events = await storedEvents(t);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.started_at.toISOString())).toEqual([
      T0.toISOString(),
      at(10, 1).toISOString(),
    ]);
    expect(events.every((e) => e.message_count === 1)).toBe(true);
  });

  it('never creates or extends an event for client texts, internal notes or status messages', async () => {
    const c = await secureChat();
    await sendAt(t, c, { type: 'contact', id: jane.id }, at(0));
    await sendAt(t, c, asUser(alex.id), at(1), { visibility: 'note' });
    expect(await storedEvents(t)).toEqual([]);
    await sendAt(t, c, asUser(alex.id), at(2));
    await sendAt(t, c, { type: 'contact', id: jane.id }, at(3));
    const [event] = await storedEvents(t);
    expect(event?.message_count).toBe(1);
    expect(event?.ended_at.toISOString()).toBe(at(2).toISOString());
  });

  it('gives each user of one thread their own event', async () => {
    const c = await secureChat(alex.id, [blair.id]);
    await sendAt(t, c, asUser(alex.id), at(0));
    await sendAt(t, c, asUser(blair.id), at(1));
    await sendAt(t, c, asUser(alex.id), at(2));
    await sendAt(t, c, asUser(blair.id), at(12));
    const events = await storedEvents(t);
    const of = (user: string) => events.filter((e) => e.user_id === user).map((e) => e.message_count);
    expect(of(alex.id)).toEqual([2]);
    // attorney2's own window runs from their own last text (1:00), so 12:00 is a new event.
    expect(of(blair.id)).toEqual([1, 1]);
  });

  it('keeps events of different matters apart', async () => {
    const roe = await secureChat(blair.id);
    const smith = await createConversation(t, {
      firmId: firm.id,
      kind: 'secure_chat',
      matterId: smithMatter,
      contactId: john.id,
      createdBy: blair.id,
    });
    await sendAt(t, roe, asUser(blair.id), at(0));
    await sendAt(t, smith, asUser(blair.id), at(1));
    await sendAt(t, roe, asUser(blair.id), at(2));
    const events = await storedEvents(t);
    expect(events.map((e) => [e.matter_id, e.message_count])).toEqual([
      [roeMatter, 2],
      [smithMatter, 1],
    ]);
    const attorney2 = blair.client;
    const listed = await attorney2.get(`/api/v1/billable-events?matterId=${smithMatter}`);
    expect(listed.body.items.map((e: { description: string }) => e.description)).toEqual([
      'Text messages with John Smith re Estate of Smith (1 sent, 10:01 AM)',
    ]);
  });

  it('captures SMS conversations and portal threads on a matter, and e-mails with the default duration', async () => {
    // A Message Center conversation texts its customer only once an agent claimed it.
    let customers = 0;
    const claimedByAlex = async (row: ConversationRow): Promise<ConversationRow> => {
      customers += 1;
      const claim = {
        assigneeId: alex.id,
        contactPhone: `+1202555014${customers}`,
        firmPhone: '+12025550999',
      };
      await t.database.query(
        'UPDATE conversations SET assignee_id = $1, claimed_at = now(), contact_phone = $2, firm_phone = $3 WHERE firm_id = $4 AND id = $5',
        [claim.assigneeId, claim.contactPhone, claim.firmPhone, row.firmId, row.id],
      );
      return { ...row, ...claim, claimedAt: new Date() };
    };
    const sms = await claimedByAlex(
      await createConversation(t, {
        firmId: firm.id,
        kind: 'sms',
        matterId: roeMatter,
        contactId: jane.id,
        createdBy: alex.id,
      }),
    );
    const portal = await createConversation(t, {
      firmId: firm.id,
      kind: 'message',
      matterId: roeMatter,
      contactId: jane.id,
      createdBy: alex.id,
    });
    const noMatter = await claimedByAlex(
      await createConversation(t, {
        firmId: firm.id,
        kind: 'sms',
        matterId: null,
        contactId: jane.id,
        createdBy: alex.id,
      }),
    );
    await sendAt(t, sms, asUser(alex.id), at(0), { source: 'sms' });
    await sendAt(t, portal, asUser(alex.id), at(1), { source: 'portal' });
    await sendAt(t, portal, asUser(alex.id), at(2), { source: 'email' });
    await sendAt(t, portal, asUser(alex.id), at(3), { source: 'email' });
    await sendAt(t, noMatter, asUser(alex.id), at(4), { source: 'sms' });
    const events = await storedEvents(t);
    expect(events.map((e) => [e.source, e.message_count, e.duration_seconds, e.description])).toEqual([
      ['sms', 1, 60, 'Text messages with Jane Roe re Roe v. Acme Corp. (1 sent, 10:00 AM)'],
      ['portal', 1, 60, 'Portal messages with Jane Roe re Roe v. Acme Corp. (1 sent, 10:01 AM)'],
      ['email', 1, 360, 'E-mail to Jane Roe re Roe v. Acme Corp. (10:02 AM)'],
      ['email', 1, 360, 'E-mail to Jane Roe re Roe v. Acme Corp. (10:03 AM)'],
    ]);
  });

  it('quotes the first text only when the firm enables it, and drops the quote when the thread is deleted', async () => {
    const c = await secureChat();
    await sendAt(t, c, asUser(alex.id), at(0), { body: 'Before the settings change' });
    expect(
      (await admin.put('/api/v1/settings', { timeCapture: { includeContentInDescription: true } })).status,
    ).toBe(200);
    await sendAt(t, c, asUser(alex.id), at(20), { body: 'Please sign\nthe engagement letter' });
    await sendAt(t, c, asUser(alex.id), at(21), { body: 'Thanks!' });
    const events = await storedEvents(t);
    expect(events.map((e) => e.description)).toEqual([
      'Text messages with Jane Roe re Roe v. Acme Corp. (1 sent, 10:00 AM)',
      'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 10:20–10:21 AM): “Please sign the engagement letter”',
    ]);

    const attorney1 = alex.client;
    const deleted = await attorney1.delete(`/api/v1/conversations/${c.id}`);
    expect(deleted.status).toBe(204);
    const after = await storedEvents(t);
    expect(after.map((e) => [e.conversation_id, e.collecting, e.duration_seconds, e.description])).toEqual([
      [null, false, 60, 'Text messages with Jane Roe re Roe v. Acme Corp. (1 sent, 10:00 AM)'],
      [null, false, 180, 'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 10:20–10:21 AM)'],
    ]);
  });

  it('is atomic with the message: a rolled-back message leaves no billable time', async () => {
    const c = await secureChat();
    await expect(
      inTransaction(t.deps, async (tx) => {
        await storeMessage(tx, t.deps, {
          conversation: c,
          author: asUser(alex.id),
          body: 'x',
          source: 'web',
        });
        throw new Error('the send failed after storing');
      }),
    ).rejects.toThrow('the send failed');
    expect(await storedEvents(t)).toEqual([]);
  });

  it('extends one event when two texts of one user commit at the same moment', async () => {
    const c = await secureChat();
    const realClock = t.deps.clock;
    t.deps.clock = () => new Date(T0);
    try {
      await Promise.all(
        [1, 2, 3].map((n) =>
          inTransaction(t.deps, async (tx, events) => {
            const stored = await storeMessage(tx, t.deps, {
              conversation: c,
              author: asUser(alex.id),
              body: `text ${n}`,
              source: 'web',
            });
            events.push(...stored.events);
          }),
        ),
      );
    } finally {
      t.deps.clock = realClock;
    }
    const events = await storedEvents(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ message_count: 3, duration_seconds: 180, collecting: true });
  });

  it('extends one event when captures race without the conversation lock (unique collecting slot)', async () => {
    const c = await secureChat();
    const message = (n: number) => ({
      firmId: firm.id,
      id: uuidv7(),
      conversationId: c.id,
      authorType: 'user',
      authorId: alex.id,
      bodySealed: `sealed-${n}`,
      format: 'text',
      visibility: 'public',
      kind: 'message',
      source: 'web',
      channel: null,
      createdAt: at(0, n),
    });
    // Every transaction has started before any captures, so on PostgreSQL they really overlap.
    const racers = 4;
    let arrived = 0;
    let release: () => void = () => {};
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    await Promise.all(
      Array.from({ length: racers }, (_, n) =>
        inTransaction(t.deps, async (tx, events) => {
          await tx.execute(sql`select 1`);
          arrived += 1;
          if (arrived === racers) release();
          if (t.database.engine === 'postgres') await allStarted;
          events.push(
            ...(await captureTimeForMessage(tx, t.deps, {
              conversation: c,
              message: message(n),
              body: `text ${n}`,
              members: [],
              authorName: null,
              deliveries: [],
            })),
          );
        }),
      ),
    );
    const events = await storedEvents(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ message_count: racers, duration_seconds: 3 + racers * 60 });
  });

  it('tells the timekeeper and billing managers about new events in real time, and no one else', async () => {
    const attorney1 = alex.client;
    const attorney2 = blair.client;
    const mine = await openStream(t.url, { session: attorney1.cookie('parley_session') });
    const manager = await openStream(t.url, { session: admin.cookie('parley_session') });
    const other = await openStream(t.url, { session: attorney2.cookie('parley_session') });
    await Promise.all([mine.next('ready'), manager.next('ready'), other.next('ready')]);
    try {
      const c = await secureChat();
      await sendAt(t, c, asUser(alex.id), at(0));
      await sendAt(t, c, asUser(alex.id), at(1));
      const created = await mine.next('billable_event.created');
      expect(created.data).toMatchObject({
        userId: alex.id,
        matter: { id: roeMatter, name: 'Roe v. Acme Corp.' },
        timekeeper: { id: alex.id, name: 'Alex Attorney' },
        messageCount: 1,
      });
      expect((await mine.next('billable_event.updated')).data.messageCount).toBe(2);
      expect((await manager.next('billable_event.created')).data.id).toBe(created.data.id);
      // attorney2 saw nothing of it (a later event of their own proves their stream is flowing).
      await sendAt(t, c, asUser(blair.id), at(2));
      const own = await other.next('billable_event.created');
      expect(own.data.userId).toBe(blair.id);
      const seenByOther = other.frames.filter((f) => f.type.startsWith('billable_event'));
      expect(seenByOther.some((f) => f.data.userId === alex.id)).toBe(false);
    } finally {
      for (const s of [mine, manager, other]) s.ws.close();
    }
  });
});
