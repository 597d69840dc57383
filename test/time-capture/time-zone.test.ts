import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeContact, makeFirm, makeMatter, makeUser, type StaffUser } from '../support/factories';
import { waitFor } from '../support/wait';

// Issue 10: the firm's time zone. Descriptions, work dates, export dates and e-mails are written in
// the zone Settings names, not in the server's or in UTC.

let t: TestApp;
let firm: Firm;
let alex: StaffUser;
let admin: TestClient;
let matterId: string;
let janeId: string;
let janeEmail: string;

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  admin = firm.admin.client;
  alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
  const jane = await makeContact(alex, { name: 'Jane Roe' });
  janeId = jane.id;
  janeEmail = jane.emails[0] as string;
  matterId = (await makeMatter(alex, { name: 'Roe v. Acme Corp.', contacts: [jane] })).id;
});
afterAll(async () => {
  await t?.close();
});

/** 23:30Z on 2026-03-02: 6:30 PM that day in New York, 8:30 AM the next day in Tokyo. */
const START = '2026-03-02T23:30:00Z';
const END = '2026-03-02T23:45:00Z';

async function loggedAndConverted() {
  const logged = await alex.client.post('/api/v1/billable-events', {
    source: 'call',
    matterId,
    contactId: janeId,
    startedAt: START,
    endedAt: END,
  });
  expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  const converted = await alex.client.post(`/api/v1/billable-events/${logged.body.id}/convert`);
  expect(converted.status, JSON.stringify(converted.body)).toBeLessThan(300);
  return { description: logged.body.description as string, entry: converted.body };
}

describe('the firm’s time zone', () => {
  it('is US Eastern until set, accepts IANA names only, and is audited', async () => {
    expect((await alex.client.get('/api/v1/settings')).body.timeZone).toBe('America/New_York');
    for (const bad of ['Mars/Olympus_Mons', '+09:00', '', 'Asia/Tokyo\n'])
      expectProblem(await admin.put('/api/v1/settings', { timeZone: bad }), 400);
    const refused = await admin.put('/api/v1/settings', { timeZone: 'Mars/Olympus_Mons' });
    expect(refused.body.errors).toEqual([
      { field: 'body.timeZone', message: expect.stringMatching(/time zone/) },
    ]);
    expect((await alex.client.put('/api/v1/settings', { timeZone: 'UTC' })).status).toBe(403);
    expect((await alex.client.get('/api/v1/settings')).body.timeZone).toBe('America/New_York');

    const set = await admin.put('/api/v1/settings', { timeZone: 'Europe/Paris' });
    expect(set.status).toBe(200);
    expect(set.body.timeZone).toBe('Europe/Paris');
    const audit = await admin.get('/api/v1/audit?action=settings.updated&limit=1');
    expect(JSON.stringify(audit.body.items[0]?.details)).toContain('timeZone');
    await admin.put('/api/v1/settings', { timeZone: 'America/New_York' });
  });

  it('writes new descriptions, work dates and exports in the zone, and leaves earlier ones as written', async () => {
    const eastern = await loggedAndConverted();
    expect(eastern.description).toBe('Call with Jane Roe re Roe v. Acme Corp. (6:30–6:45 PM)');
    expect(eastern.entry.date).toBe('2026-03-02');

    expect((await admin.put('/api/v1/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200);
    try {
      const tokyo = await loggedAndConverted();
      expect(tokyo.description).toBe('Call with Jane Roe re Roe v. Acme Corp. (8:30–8:45 AM)');
      expect(tokyo.entry.date).toBe('2026-03-03');

      const csv = await alex.client.get(
        '/api/v1/time-entries/export?format=csv&from=2026-03-01&to=2026-03-31',
      );
      expect(csv.status).toBe(200);
      const rows = (csv.body as string).split('\r\n').slice(1, -1);
      expect(rows.map((r) => r.slice(0, 10)).sort()).toEqual(['2026-03-02', '2026-03-03']);
      expect(rows.join('\n')).toContain('(6:30–6:45 PM)');
      expect(rows.join('\n')).toContain('(8:30–8:45 AM)');

      // Without `to`, the file is named up to today, the firm's today.
      const open = await alex.client.get('/api/v1/time-entries/export?format=csv&from=2026-03-01');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
      expect(open.headers.get('content-disposition')).toContain(`time-entries_2026-03-01_${today}.csv`);
    } finally {
      await admin.put('/api/v1/settings', { timeZone: 'America/New_York' });
    }
  });

  it('writes the expiry of a portal invitation in the zone, naming it', async () => {
    expect((await admin.put('/api/v1/settings', { timeZone: 'UTC' })).status).toBe(200);
    try {
      const email = janeEmail;
      const sent = await alex.client.post(`/api/v1/contacts/${janeId}/portal-invitation`, { email });
      expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
      const [mail] = await waitFor(async () => {
        const r = await admin.get(`/dev/mail?to=${encodeURIComponent(email)}`);
        return r.body.items?.length ? r.body.items : undefined;
      }, 'the invitation e-mail');
      expect(mail.text).toMatch(/until \w{3}, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC\./);
    } finally {
      await admin.put('/api/v1/settings', { timeZone: 'America/New_York' });
    }
  });
});
