import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import {
  type Contact,
  type Firm,
  type Matter,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';

// Issue 10, time capture 1–3: descriptions and thread links, logged calls and e-mails, the conversion
// preview, and time entries that change until they are exported.

let t: TestApp;
let firm: Firm;
let other: Firm;
let alex: StaffUser;
let blair: StaffUser;
let jane: Contact;
let john: Contact;
/** "Roe v. Acme Corp.": alex owns, Jane linked; blair is not on it. */
let roe: Matter;
/** A matter of another firm. */
let foreign: Matter;

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  other = await makeFirm(t);
  alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
  blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
  jane = await makeContact(alex, { name: 'Jane Roe' });
  john = await makeContact(alex, { name: 'John Smith' });
  roe = await makeMatter(alex, { name: 'Roe v. Acme Corp.', contacts: [jane] });
  const stranger = await makeContact(other.admin, { name: 'Sam Stranger' });
  foreign = await makeMatter(other.admin, { name: 'Other firm matter', contacts: [stranger] });
  await firm.admin.client.put(`/api/v1/timekeepers/${alex.id}/rate`, { rateCents: 275_50 });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.database.query('delete from time_entries');
  await t.database.query('delete from billable_events');
});

/** 15:00Z on 2026-03-02 is 10:00 AM in US Eastern time, the zone descriptions use. */
const T0 = Date.parse('2026-03-02T15:00:00Z');
const iso = (minutes: number, seconds = 0) => new Date(T0 + minutes * 60_000 + seconds * 1000).toISOString();

const logCall = (body: Record<string, unknown>, who = alex) =>
  who.client.post('/api/v1/billable-events', { source: 'call', matterId: roe.id, ...body });

describe('calls and e-mails logged from the matter and contact pages', () => {
  it('describes a timed call, a call with a duration and an e-mail with the client and the times', async () => {
    const timed = await logCall({ contactId: jane.id, startedAt: iso(0), endedAt: iso(12, 30) });
    expect(timed.status).toBe(201);
    expect(timed.body).toMatchObject({
      source: 'call',
      durationSeconds: 750,
      description: 'Call with Jane Roe re Roe v. Acme Corp. (10:00–10:12 AM)',
      thread: null,
    });

    const entered = await logCall({ startedAt: iso(60), durationSeconds: 18 * 60 });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({
      durationSeconds: 1080,
      endedAt: iso(78),
      description: 'Call re Roe v. Acme Corp. (11:00–11:18 AM)',
    });

    const email = await alex.client.post('/api/v1/billable-events', {
      source: 'email',
      matterId: roe.id,
      contactId: jane.id,
      sentAt: iso(90),
    });
    expect(email.status).toBe(201);
    expect(email.body).toMatchObject({
      source: 'email',
      durationSeconds: 360,
      description: 'E-mail to Jane Roe re Roe v. Acme Corp. (11:30 AM)',
    });

    const audit = await firm.admin.client.get('/api/v1/audit?action=billable_event.logged&limit=1');
    expect(audit.body.items[0]).toMatchObject({
      actorId: alex.id,
      details: { source: 'email', contactId: jane.id, durationSeconds: 360 },
    });
  });

  it('refuses an unlinked contact, both or neither of end and duration, and another firm’s matter', async () => {
    const bad: [Record<string, unknown>, number, string][] = [
      [{ contactId: john.id, startedAt: iso(0), endedAt: iso(5) }, 400, 'body.contactId'],
      [{ startedAt: iso(0), endedAt: iso(5), durationSeconds: 300 }, 400, 'body.endedAt'],
      [{ startedAt: iso(0) }, 400, 'body.endedAt'],
      [{ startedAt: iso(0), durationSeconds: 0 }, 400, 'body.durationSeconds'],
      [{ matterId: foreign.id, startedAt: iso(0), endedAt: iso(5) }, 404, 'body.matterId'],
    ];
    for (const [body, status, field] of bad) {
      const r = await logCall(body);
      expect(r.status, field).toBe(status);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const email = await alex.client.post('/api/v1/billable-events', {
      source: 'email',
      matterId: foreign.id,
      sentAt: iso(0),
    });
    expect(email.status).toBe(404);
    const [{ n }] = (await t.database.query<{ n: number }>(
      'select count(*)::int as n from billable_events',
    )) as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe('captured texts', () => {
  it('say what happened and link to their thread while it exists', async () => {
    const thread = await makeConversation(alex, roe, jane, { messages: ['Hello Jane', 'Call me back'] });
    const [event] = (await alex.client.get(`/api/v1/billable-events?matterId=${roe.id}`)).body.items;
    expect(event.description).toMatch(
      /^Text messages with Jane Roe re Roe v\. Acme Corp\. \(2 sent, \d{1,2}:\d{2}( [AP]M)?(–\d{1,2}:\d{2})? [AP]M\)$/,
    );
    expect(event.thread).toEqual({
      id: thread.id,
      kind: 'secure_chat',
      status: 'open',
      matterId: roe.id,
      contactId: jane.id,
    });

    expect((await alex.client.delete(`/api/v1/conversations/${thread.id}`)).status).toBe(204);
    const [after] = (await alex.client.get(`/api/v1/billable-events?matterId=${roe.id}`)).body.items;
    expect(after).toMatchObject({ id: event.id, conversationId: null, thread: null });
    expect(after.description).toBe(event.description);
  });
});

describe('the conversion preview', () => {
  it('shows the increment, rate and amount that the conversion then commits', async () => {
    const a = (await logCall({ startedAt: iso(0), endedAt: iso(12, 30) })).body;
    const b = (await logCall({ startedAt: iso(30), durationSeconds: 61 })).body;
    const preview = await alex.client.post('/api/v1/billable-events/convert/preview', { ids: [a.id, b.id] });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      incrementMinutes: 6,
      alreadyConverted: [],
      items: [
        {
          billableEventId: a.id,
          durationSeconds: 750,
          billedMinutes: 18,
          hours: 0.3,
          rate: 275.5,
          amount: 82.65,
        },
        {
          billableEventId: b.id,
          durationSeconds: 61,
          billedMinutes: 6,
          hours: 0.1,
          rate: 275.5,
          amount: 27.55,
        },
      ],
      total: { billedMinutes: 24, hours: 0.4, amountCents: 110_20 },
    });
    // The preview changes nothing.
    expect((await alex.client.get(`/api/v1/billable-events?status=open`)).body.items).toHaveLength(2);

    const converted = await alex.client.post('/api/v1/billable-events/convert', { ids: [a.id, b.id] });
    expect(converted.status).toBe(200);
    const committed = converted.body.items.map((e: Record<string, unknown>) => ({
      billableEventId: e.billableEventId,
      billedMinutes: e.billedMinutes,
      hours: e.hours,
      rateCents: e.rateCents,
      amountCents: e.amountCents,
      narrative: e.narrative,
    }));
    const promised = preview.body.items.map((p: Record<string, unknown>) => ({
      billableEventId: p.billableEventId,
      billedMinutes: p.billedMinutes,
      hours: p.hours,
      rateCents: p.rateCents,
      amountCents: p.amountCents,
      narrative: p.narrative,
    }));
    expect(committed).toEqual(promised);

    const again = await alex.client.post('/api/v1/billable-events/convert/preview', { ids: [a.id] });
    expect(again.body).toMatchObject({ items: [], alreadyConverted: [a.id], total: { amountCents: 0 } });
  });

  it('answers 404 for events the caller may not work on and 409 for dismissed ones', async () => {
    const a = (await logCall({ startedAt: iso(0), endedAt: iso(5) })).body;
    expect((await blair.client.post('/api/v1/billable-events/convert/preview', { ids: [a.id] })).status).toBe(
      404,
    );
    expect(
      (await other.admin.client.post('/api/v1/billable-events/convert/preview', { ids: [a.id] })).status,
    ).toBe(404);
    await alex.client.patch(`/api/v1/billable-events/${a.id}`, { status: 'dismissed' });
    const dismissed = await alex.client.post('/api/v1/billable-events/convert/preview', { ids: [a.id] });
    expect(dismissed.status).toBe(409);
    const empty = await alex.client.post('/api/v1/billable-events/convert/preview', { ids: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('body.ids');
  });
});

describe('time entries until they are exported', () => {
  async function entry() {
    const event = (await logCall({ startedAt: iso(0), endedAt: iso(5) })).body;
    return (await alex.client.post(`/api/v1/billable-events/${event.id}/convert`)).body;
  }

  it('can be corrected, priced again at their rate, and audited', async () => {
    const e = await entry();
    expect(e).toMatchObject({ hours: 0.1, exportedAt: null, abilities: { edit: true, delete: true } });
    const r = await alex.client.patch(`/api/v1/time-entries/${e.id}`, {
      durationSeconds: 12 * 60 + 30,
      narrative: 'Call with Jane Roe about the deposition',
      date: '2026-03-03',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      hours: 0.3,
      billedMinutes: 18,
      rate: 275.5,
      amount: 82.65,
      narrative: 'Call with Jane Roe about the deposition',
      date: '2026-03-03',
    });
    const audit = await firm.admin.client.get('/api/v1/audit?action=time_entry.updated&limit=1');
    expect(audit.body.items[0]).toMatchObject({
      actorId: alex.id,
      targetId: e.id,
      details: { billedMinutes: { from: 6, to: 18 }, date: { from: '2026-03-02', to: '2026-03-03' } },
    });
    const blank = await alex.client.patch(`/api/v1/time-entries/${e.id}`, { narrative: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('body.narrative');
    expect((await blair.client.patch(`/api/v1/time-entries/${e.id}`, { narrative: 'x' })).status).toBe(404);
    expect((await other.admin.client.delete(`/api/v1/time-entries/${e.id}`)).status).toBe(404);
  });

  it('can be deleted, which reopens the event for another conversion', async () => {
    const e = await entry();
    expect((await alex.client.delete(`/api/v1/time-entries/${e.id}`)).status).toBe(204);
    const events = (await alex.client.get('/api/v1/billable-events?status=open')).body.items;
    expect(events).toMatchObject([
      { id: e.billableEventId, timeEntryId: null, abilities: { convert: true } },
    ]);
    expect((await alex.client.get('/api/v1/time-entries')).body.items).toEqual([]);
    const audit = await firm.admin.client.get('/api/v1/audit?action=time_entry.deleted&limit=1');
    expect(audit.body.items[0]).toMatchObject({
      targetId: e.id,
      details: { billableEventId: e.billableEventId },
    });
    expect((await alex.client.delete(`/api/v1/time-entries/${e.id}`)).status).toBe(404);
  });

  it('are marked exported by an export, and then cannot change (409)', async () => {
    const e = await entry();
    const file = await alex.client.get('/api/v1/time-entries/export?format=csv');
    expect(file.status).toBe(200);
    const [listed] = (await alex.client.get('/api/v1/time-entries')).body.items;
    expect(listed.exportedAt).toEqual(expect.any(String));
    expect(listed.abilities).toEqual({ edit: false, delete: false });

    const edit = await alex.client.patch(`/api/v1/time-entries/${e.id}`, { narrative: 'Too late' });
    expect(edit.status).toBe(409);
    expect(edit.body.type).toBe('/problems/entry-exported');
    expect((await alex.client.delete(`/api/v1/time-entries/${e.id}`)).status).toBe(409);

    // Exporting again includes it and keeps the first export's time.
    const again = await alex.client.get('/api/v1/time-entries/export?format=csv');
    expect((again.body as string).split('\r\n')).toHaveLength(3);
    const [still] = (await alex.client.get('/api/v1/time-entries')).body.items;
    expect(still.exportedAt).toBe(listed.exportedAt);
    const audit = await firm.admin.client.get('/api/v1/audit?action=time_entries.exported&limit=2');
    expect(
      audit.body.items.map((a: { details: { newlyExported: number } }) => a.details.newlyExported),
    ).toEqual([0, 1]);
  });
});
