import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayInZone } from '../../contracts/time-zone';
import { LEDES_1998B_FIELDS, ledesId } from '../../server/features/time-capture/ledes';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Contact,
  type Firm,
  type Matter,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';

let t: TestApp;
let firm: Firm;
let alex: StaffUser;
let blair: StaffUser;
let jane: Contact;
let john: Contact;
/** 2026-0001 "Roe v. Acme Corp.": alex owns, blair assigned, Jane linked. */
let roe: Matter;
/** 2026-0002 "Estate of Smith": blair owns, John linked. */
let smith: Matter;
let admin: TestClient;
let attorney1: TestClient;
let attorney2: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
  blair = await makeUser(t, firm, { role: 'attorney', name: 'Blair Barrister' });
  jane = await makeContact(alex, { name: 'Jane Roe' });
  john = await makeContact(blair, { name: 'John Smith' });
  roe = await makeMatter(alex, {
    number: '2026-0001',
    name: 'Roe v. Acme Corp.',
    assignees: [blair],
    contacts: [jane],
  });
  smith = await makeMatter(blair, { number: '2026-0002', name: 'Estate of Smith', contacts: [john] });
  admin = firm.admin.client;
  attorney1 = alex.client;
  attorney2 = blair.client;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.database.query('delete from time_entries');
  await t.database.query('delete from billable_events');
});

const call = (client: TestClient, startedAt: string, endedAt: string, extra: Record<string, unknown> = {}) =>
  client.post('/api/v1/billable-events', {
    source: 'call',
    matterId: roe.id,
    startedAt,
    endedAt,
    ...extra,
  });

async function counts() {
  const [row] = await t.database.query<{ e: number; te: number }>(
    'select (select count(*)::int from billable_events) as e, (select count(*)::int from time_entries) as te',
  );
  return row;
}

describe('logging calls and e-mails', () => {
  it('turns a call with start and end into an open event of that duration', async () => {
    const r = await call(attorney1, '2026-03-02T15:00:00Z', '2026-03-02T15:12:30Z');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      userId: alex.id,
      matterId: roe.id,
      conversationId: null,
      source: 'call',
      status: 'open',
      durationSeconds: 750,
      description: 'Call re Roe v. Acme Corp. (10:00–10:12 AM)',
      matter: { id: roe.id, number: '2026-0001', name: 'Roe v. Acme Corp.' },
      timekeeper: { id: alex.id, name: 'Alex Attorney' },
      abilities: { edit: true, dismiss: true, restore: false, convert: true },
    });
  });

  it('logs an e-mail with the firm’s default e-mail duration', async () => {
    await admin.put('/api/v1/settings', { timeCapture: { emailDefaultMinutes: 12 } });
    try {
      const r = await attorney1.post('/api/v1/billable-events', {
        source: 'email',
        matterId: roe.id,
        sentAt: '2026-03-02T15:00:00Z',
        description: 'E-mailed the draft settlement',
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        source: 'email',
        durationSeconds: 720,
        description: 'E-mailed the draft settlement',
      });
    } finally {
      await admin.put('/api/v1/settings', { timeCapture: { emailDefaultMinutes: 6 } });
    }
  });

  it('refuses bad calls and matters the timekeeper cannot see, writing nothing', async () => {
    const cases: [() => ReturnType<typeof call>, string, number][] = [
      [() => call(attorney1, '2026-03-02T15:00:00Z', '2026-03-02T15:00:00Z'), 'body.endedAt', 400],
      [() => call(attorney1, '2026-03-02T15:00:00Z', '2026-03-03T15:00:01Z'), 'body.endedAt', 400],
      [() => call(attorney1, 'yesterday', '2026-03-02T15:00:00Z'), 'body.startedAt', 400],
      // attorney1 is neither owner nor assignee of Estate of Smith: for them it does not exist.
      [
        () => call(attorney1, '2026-03-02T15:00:00Z', '2026-03-02T15:01:00Z', { matterId: smith.id }),
        'body.matterId',
        404,
      ],
      [
        () => attorney1.post('/api/v1/billable-events', { source: 'fax', matterId: roe.id }),
        'body.source',
        400,
      ],
    ];
    for (const [send, field, status] of cases) {
      const r = await send();
      expect(r.status, field).toBe(status);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await counts()).toEqual({ e: 0, te: 0 });
  });
});

describe('who sees and edits which events', () => {
  it('shows timekeepers their own events and billing managers everyone’s; others’ ids are 404', async () => {
    const mine = (await call(attorney1, '2026-03-02T15:00:00Z', '2026-03-02T15:05:00Z')).body;
    const theirs = (await call(attorney2, '2026-03-02T16:00:00Z', '2026-03-02T16:05:00Z')).body;

    const list1 = await attorney1.get('/api/v1/billable-events');
    expect(list1.body.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect((await attorney1.get(`/api/v1/billable-events?userId=${blair.id}`)).status).toBe(403);
    expect(
      (await attorney1.patch(`/api/v1/billable-events/${theirs.id}`, { durationSeconds: 60 })).status,
    ).toBe(404);
    expect((await attorney1.post(`/api/v1/billable-events/${theirs.id}/convert`)).status).toBe(404);
    expect(
      (await attorney1.post('/api/v1/billable-events/convert', { ids: [mine.id, theirs.id] })).status,
    ).toBe(404);
    expect(await counts()).toEqual({ e: 2, te: 0 });

    const all = await admin.get('/api/v1/billable-events');
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([theirs.id, mine.id]);
    const one = await admin.get(`/api/v1/billable-events?userId=${alex.id}`);
    expect(one.body.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect((await admin.patch(`/api/v1/billable-events/${mine.id}`, { durationSeconds: 90 })).status).toBe(
      200,
    );
  });

  it('filters by status, matter and date range, and pages with a cursor', async () => {
    const times = ['2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z'];
    const made = [];
    for (const start of times)
      made.push((await call(attorney2, start, start.replace('10:00', '10:03'), { matterId: smith.id })).body);
    await attorney2.patch(`/api/v1/billable-events/${made[0].id}`, { status: 'dismissed' });

    const open = await attorney2.get('/api/v1/billable-events?status=open');
    expect(open.body.items.map((e: { id: string }) => e.id)).toEqual([made[2].id, made[1].id]);
    const day = await attorney2.get('/api/v1/billable-events?from=2026-03-02&to=2026-03-02');
    expect(day.body.items.map((e: { id: string }) => e.id)).toEqual([made[1].id]);
    expect((await attorney2.get(`/api/v1/billable-events?matterId=${roe.id}`)).body.items).toEqual([]);

    const first = await attorney2.get('/api/v1/billable-events?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await attorney2.get(`/api/v1/billable-events?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([made[0].id]);
    expect(second.body.nextCursor).toBeNull();
    expect((await attorney2.get('/api/v1/billable-events?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await attorney2.get('/api/v1/billable-events?status=billed')).status).toBe(400);
  });

  it('edits duration, description and matter; dismisses and restores; keeps converted events as they are', async () => {
    const e = (await call(attorney2, '2026-03-02T15:00:00Z', '2026-03-02T15:05:00Z')).body;
    const moved = await attorney2.patch(`/api/v1/billable-events/${e.id}`, { matterId: smith.id });
    expect(moved.body).toMatchObject({
      matterId: smith.id,
      description: 'Call re Estate of Smith (10:00–10:05 AM)',
      edited: true,
    });
    const edited = await attorney2.patch(`/api/v1/billable-events/${e.id}`, {
      durationSeconds: 420,
      description: 'Call with the executor about the inventory',
    });
    expect(edited.body).toMatchObject({
      durationSeconds: 420,
      description: 'Call with the executor about the inventory',
    });
    expect((await attorney2.patch(`/api/v1/billable-events/${e.id}`, {})).status).toBe(400);
    expect((await attorney2.patch(`/api/v1/billable-events/${e.id}`, { durationSeconds: 0 })).status).toBe(
      400,
    );

    const dismissed = await attorney2.patch(`/api/v1/billable-events/${e.id}`, { status: 'dismissed' });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      abilities: { restore: true, convert: false },
    });
    expect((await attorney2.patch(`/api/v1/billable-events/${e.id}`, { durationSeconds: 60 })).status).toBe(
      409,
    );
    expect((await attorney2.post(`/api/v1/billable-events/${e.id}/convert`)).status).toBe(409);
    expect((await attorney2.patch(`/api/v1/billable-events/${e.id}`, { status: 'open' })).body.status).toBe(
      'open',
    );

    expect((await attorney2.post(`/api/v1/billable-events/${e.id}/convert`)).status).toBe(201);
    const late = await attorney2.patch(`/api/v1/billable-events/${e.id}`, { description: 'changed' });
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('/problems/event-converted');

    const audit = await admin.get('/api/v1/audit?action=billable_event.updated&limit=10');
    expect(audit.body.items.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audit.body.items)).not.toContain('executor');
  });
});

describe('GET /timekeepers', () => {
  it('lists oneself with no firm-wide abilities for a timekeeper, everyone with them for a billing manager', async () => {
    const own = await attorney1.get('/api/v1/timekeepers');
    expect(own.status).toBe(200);
    expect(own.body.items.map((u: { id: string }) => u.id)).toEqual([alex.id]);
    expect(own.body.abilities).toEqual({ viewAll: false, setRates: false });
    const all = await admin.get('/api/v1/timekeepers');
    expect(all.body.items.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([alex.id, blair.id]),
    );
    expect(all.body.abilities).toEqual({ viewAll: true, setRates: true });
  });
});

describe('conversion to time entries', () => {
  it('rounds up to the billing increment at the timekeeper’s rate', async () => {
    expect((await attorney1.put(`/api/v1/timekeepers/${alex.id}/rate`, { rateCents: 350_00 })).status).toBe(
      403,
    );
    const rate = await admin.put(`/api/v1/timekeepers/${alex.id}/rate`, {
      rateCents: 350_00,
      classification: 'PT',
    });
    expect(rate.body).toMatchObject({ id: alex.id, rateCents: 350_00, classification: 'PT' });

    const cases: [number, number][] = [
      [1, 0.1],
      [360, 0.1],
      [361, 0.2],
      [3600, 1],
      [3601, 1.1],
    ];
    for (const [seconds, hours] of cases) {
      const e = (
        await call(
          attorney1,
          '2026-03-02T15:00:00.000Z',
          new Date(Date.parse('2026-03-02T15:00:00Z') + seconds * 1000).toISOString(),
        )
      ).body;
      const r = await attorney1.post(`/api/v1/billable-events/${e.id}/convert`);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        billableEventId: e.id,
        hours,
        rate: 350,
        amount: Math.round(hours * 350 * 100) / 100,
        narrative: expect.stringMatching(/^Call re Roe v\. Acme Corp\. \(10:00/),
        date: '2026-03-02',
      });
      const again = await attorney1.post(`/api/v1/billable-events/${e.id}/convert`);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(r.body.id);
    }
    await admin.put('/api/v1/settings', { timeCapture: { incrementMinutes: 15 } });
    try {
      const e = (await call(attorney1, '2026-03-02T15:00:00Z', '2026-03-02T15:16:00Z')).body;
      expect((await attorney1.post(`/api/v1/billable-events/${e.id}/convert`)).body.hours).toBe(0.5);
    } finally {
      await admin.put('/api/v1/settings', { timeCapture: { incrementMinutes: 6 } });
    }
  });

  it('converts many at once, all or none', async () => {
    const a = (await call(attorney2, '2026-03-02T15:00:00Z', '2026-03-02T15:05:00Z')).body;
    const b = (await call(attorney2, '2026-03-02T16:00:00Z', '2026-03-02T16:07:00Z')).body;
    const c = (await call(attorney2, '2026-03-02T17:00:00Z', '2026-03-02T17:01:00Z')).body;
    await attorney2.patch(`/api/v1/billable-events/${c.id}`, { status: 'dismissed' });
    const refused = await attorney2.post('/api/v1/billable-events/convert', { ids: [a.id, b.id, c.id] });
    expect(refused.status).toBe(409);
    expect(await counts()).toEqual({ e: 3, te: 0 });
    expect((await attorney2.post('/api/v1/billable-events/convert', { ids: [a.id, a.id] })).status).toBe(400);

    const done = await attorney2.post('/api/v1/billable-events/convert', { ids: [a.id, b.id] });
    expect(done.status).toBe(200);
    expect(
      done.body.items.map((e: { billableEventId: string; hours: number }) => [e.billableEventId, e.hours]),
    ).toEqual([
      [a.id, 0.1],
      [b.id, 0.2],
    ]);
    const listed = await attorney2.get('/api/v1/billable-events?status=converted');
    expect(listed.body.items.map((e: { timeEntryId: string }) => e.timeEntryId).sort()).toEqual(
      done.body.items.map((e: { id: string }) => e.id).sort(),
    );
    const entries = await attorney2.get('/api/v1/time-entries');
    expect(entries.body.items).toHaveLength(2);
    expect((await attorney1.get('/api/v1/time-entries')).body.items).toEqual([]);
    expect((await admin.get('/api/v1/time-entries')).body.items).toHaveLength(2);
  });

  it('makes exactly one entry when the same event is converted twice at once', async () => {
    const e = (await call(attorney2, '2026-03-02T15:00:00Z', '2026-03-02T15:05:00Z')).body;
    const answers = await Promise.all([
      attorney2.post(`/api/v1/billable-events/${e.id}/convert`),
      attorney2.post(`/api/v1/billable-events/${e.id}/convert`),
      admin.post('/api/v1/billable-events/convert', { ids: [e.id] }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201].sort());
    const entryIds = new Set([answers[0]?.body.id, answers[1]?.body.id, answers[2]?.body.items[0].id]);
    expect(entryIds.size).toBe(1);
    expect(await counts()).toEqual({ e: 1, te: 1 });
  });
});

describe('export', () => {
  async function twoEntries() {
    await admin.put(`/api/v1/timekeepers/${blair.id}/rate`, {
      rateCents: 275_50,
      classification: 'AS',
    });
    const a = (
      await call(attorney2, '2026-03-02T15:00:00Z', '2026-03-02T15:05:00Z', {
        description: 'Call with "Jane" | re, settlement [draft]',
      })
    ).body;
    const b = (await call(attorney2, '2026-03-05T09:00:00Z', '2026-03-05T09:20:00Z', { matterId: smith.id }))
      .body;
    const outside = (await call(attorney2, '2026-04-01T09:00:00Z', '2026-04-01T09:20:00Z')).body;
    await attorney2.post('/api/v1/billable-events/convert', { ids: [a.id, b.id, outside.id] });
  }

  it('writes LEDES 1998B, field by field', async () => {
    await twoEntries();
    const r = await attorney2.get(
      '/api/v1/time-entries/export?format=ledes1998b&from=2026-03-01&to=2026-03-31',
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(
      'attachment; filename="time-entries_2026-03-01_2026-03-31',
    );
    const text = r.body as string;
    expect(text.endsWith('[]\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('LEDES1998B[]');
    expect(lines[1]).toBe(
      'INVOICE_DATE|INVOICE_NUMBER|CLIENT_ID|LAW_FIRM_MATTER_ID|INVOICE_TOTAL|BILLING_START_DATE|BILLING_END_DATE|INVOICE_DESCRIPTION|LINE_ITEM_NUMBER|EXP/FEE/INV_ADJ_TYPE|LINE_ITEM_NUMBER_OF_UNITS|LINE_ITEM_ADJUSTMENT_AMOUNT|LINE_ITEM_TOTAL|LINE_ITEM_DATE|LINE_ITEM_TASK_CODE|LINE_ITEM_EXPENSE_CODE|LINE_ITEM_ACTIVITY_CODE|TIMEKEEPER_ID|LINE_ITEM_DESCRIPTION|LAW_FIRM_ID|LINE_ITEM_UNIT_COST|TIMEKEEPER_NAME|TIMEKEEPER_CLASSIFICATION|CLIENT_MATTER_ID[]',
    );
    expect(lines).toHaveLength(4);
    // The invoice is dated on the firm's calendar, not the server's (UTC) one.
    const { timeZone } = (await attorney2.get('/api/v1/settings')).body;
    const today = dayInZone(new Date(), timeZone).replace(/-/g, '');
    const rows = lines.slice(2).map((l) => {
      expect(l.endsWith('[]')).toBe(true);
      const values = l.slice(0, -2).split('|');
      expect(values).toHaveLength(24);
      return Object.fromEntries(LEDES_1998B_FIELDS.map((f, i) => [f, values[i]]));
    });
    expect(rows[0]).toEqual({
      INVOICE_DATE: today,
      INVOICE_NUMBER: `${today}-2026-0001`,
      CLIENT_ID: ledesId(jane.id),
      LAW_FIRM_MATTER_ID: '2026-0001',
      INVOICE_TOTAL: '27.55',
      BILLING_START_DATE: '20260301',
      BILLING_END_DATE: '20260331',
      INVOICE_DESCRIPTION: 'Legal services: Roe v. Acme Corp.',
      LINE_ITEM_NUMBER: '1',
      'EXP/FEE/INV_ADJ_TYPE': 'F',
      LINE_ITEM_NUMBER_OF_UNITS: '0.10',
      LINE_ITEM_ADJUSTMENT_AMOUNT: '0.00',
      LINE_ITEM_TOTAL: '27.55',
      LINE_ITEM_DATE: '20260302',
      LINE_ITEM_TASK_CODE: '',
      LINE_ITEM_EXPENSE_CODE: '',
      LINE_ITEM_ACTIVITY_CODE: 'A106',
      TIMEKEEPER_ID: ledesId(blair.id),
      LINE_ITEM_DESCRIPTION: 'Call with "Jane" / re, settlement (draft)',
      LAW_FIRM_ID: ledesId(firm.id),
      LINE_ITEM_UNIT_COST: '275.50',
      TIMEKEEPER_NAME: 'Blair Barrister',
      TIMEKEEPER_CLASSIFICATION: 'AS',
      CLIENT_MATTER_ID: '',
    });
    expect(rows[1]).toMatchObject({
      INVOICE_NUMBER: `${today}-2026-0002`,
      CLIENT_ID: ledesId(john.id),
      LAW_FIRM_MATTER_ID: '2026-0002',
      INVOICE_TOTAL: '110.20',
      LINE_ITEM_NUMBER: '1',
      LINE_ITEM_NUMBER_OF_UNITS: '0.40',
      LINE_ITEM_TOTAL: '110.20',
      LINE_ITEM_DATE: '20260305',
      // LEDES is ASCII: the en dash of the time range becomes a hyphen.
      LINE_ITEM_DESCRIPTION: 'Call re Estate of Smith (4:00-4:20 AM)',
    });

    const audit = await admin.get('/api/v1/audit?action=time_entries.exported&limit=1');
    expect(audit.body.items[0]).toMatchObject({
      actorId: blair.id,
      details: { format: 'ledes1998b', from: '2026-03-01', to: '2026-03-31', entries: 2 },
    });
  });

  it('writes CSV with correct quoting, and only the caller’s own entries unless they manage billing', async () => {
    await twoEntries();
    const r = await attorney2.get('/api/v1/time-entries/export?format=csv&from=2026-03-01&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const lines = (r.body as string).split('\r\n');
    expect(lines[0]).toBe(
      'date,timekeeper,timekeeper_id,matter_number,matter_name,source,hours,rate,amount,narrative,time_entry_id,billable_event_id',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^2026-03-02,Blair Barrister,${blair.id},2026-0001,Roe v. Acme Corp.,call,0.1,275.50,27.55,"Call with ""Jane"" \\| re, settlement \\[draft\\]",[0-9a-f-]{36},[0-9a-f-]{36}$`,
      ),
    );
    expect(lines[2]).toMatch(
      /^2026-03-05,Blair Barrister,.*,Estate of Smith,call,0\.4,275\.50,110\.20,Call re Estate of Smith \(4:00–4:20 AM\),/,
    );
    expect(lines[3]).toBe('');
    const own = await attorney1.get('/api/v1/time-entries/export?format=csv');
    expect((own.body as string).split('\r\n')).toHaveLength(2);
    expect((await attorney1.get(`/api/v1/time-entries/export?format=csv&userId=${blair.id}`)).status).toBe(
      403,
    );
    expect((await attorney1.get('/api/v1/time-entries/export?format=pdf')).status).toBe(400);
    expect(
      (await attorney1.get('/api/v1/time-entries/export?format=csv&from=2026-03-02&to=2026-03-01')).status,
    ).toBe(400);
  });
});
