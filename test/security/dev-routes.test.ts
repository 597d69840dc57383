import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Firm,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  makeUser,
} from '../support/factories';
import { waitFor } from '../support/wait';

// The development tools hand out activation links (/dev/mail), clients' numbers and texts
// (/dev/sms/outbox) and a way to text a firm (/dev/sms/inbound): only signed-in staff reach them, and
// only for their own firm.

let t: TestApp;
let firm: Firm;
let firmAdmin: TestClient;
let other: TestClient;
let janePhone: string;
let mariaEmail: string;
let firmPhone: string;

async function countRows(table: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row?.n ?? -1;
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  firmAdmin = firm.admin.client;
  const attorney = await makeUser(t, firm, { role: 'attorney' });
  const jane = await makeContact(attorney);
  janePhone = jane.phones[0] as string;
  const maria = await makeContact(attorney);
  mariaEmail = maria.emails[0] as string;
  const matter = await makeMatter(attorney, { contacts: [jane] });
  firmPhone = (
    await makeConversation(attorney, matter, jane, { messages: ['Your hearing moved to Friday.'] })
  ).firmPhone;
  expect((await attorney.client.post(`/api/v1/contacts/${maria.id}/portal-invitation`, {})).status).toBe(201);
  await waitFor(async () => {
    const r = await firmAdmin.get(`/dev/mail?to=${encodeURIComponent(mariaEmail)}`);
    return r.body.items.length > 0;
  }, 'the invitation in the dev mailbox');
  await waitFor(async () => {
    const r = await firmAdmin.get('/dev/sms/outbox');
    return r.body.items.length > 0 ? r.body.items : undefined;
  }, 'the text on the simulated phone');

  other = (await makeFirm(t)).admin.client;
});
afterAll(() => t.close());

describe('the /dev routes', () => {
  it('answer 401 to anyone not signed in as staff', async () => {
    const anonymous = t.client();
    const portal = t.client();
    const signedIn = await portal.post('/api/v1/portal/auth/login', {
      email: demoLogins.portalClient,
      password: t.env.PARLEY_DEMO_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    for (const c of [anonymous, portal]) {
      expectProblem(await c.get('/dev/mail'), 401, 'unauthorized');
      expectProblem(await c.get('/dev/sms/outbox'), 401, 'unauthorized');
      expectProblem(await c.get(`/dev/sms/outbox?to=${encodeURIComponent(janePhone)}`), 401, 'unauthorized');
    }
    const before = await countRows('messages');
    expectProblem(
      await anonymous.post('/dev/sms/inbound', { from: janePhone, to: firmPhone, body: 'injected' }),
      401,
      'unauthorized',
    );
    expect(await countRows('messages')).toBe(before);
  });

  it('refuse a staff write without the session’s CSRF token', async () => {
    const before = await countRows('messages');
    const r = await firmAdmin.post(
      '/dev/sms/inbound',
      { from: janePhone, to: firmPhone, body: 'cross-site' },
      { headers: { 'x-csrf-token': 'wrong' } },
    );
    expect(r.status).toBe(403);
    expect(await countRows('messages')).toBe(before);
  });

  it('show the firm its own mail and texts', async () => {
    const mail = await firmAdmin.get('/dev/mail');
    expect(mail.body.items.map((m: { to: string }) => m.to)).toContain(mariaEmail);
    const texts = await firmAdmin.get('/dev/sms/outbox');
    // The firm's texts, as the client receives them (the first one names its sender).
    expect(
      texts.body.items.some((m: { body: string }) => m.body.includes('Your hearing moved to Friday.')),
    ).toBe(true);
  });

  it('show another firm none of the first firm’s mail and texts', async () => {
    expect((await other.get('/dev/mail')).body).toEqual({ items: [] });
    expect((await other.get(`/dev/mail?to=${encodeURIComponent(mariaEmail)}`)).body).toEqual({ items: [] });
    expect((await other.get('/dev/sms/outbox')).body).toEqual({ items: [] });
    expect((await other.get(`/dev/sms/outbox?to=${encodeURIComponent(janePhone)}`)).body).toEqual({
      items: [],
    });
  });

  it('let another firm inject no text into the first firm’s numbers (404, nothing stored)', async () => {
    const before = await countRows('messages');
    for (const to of [firmPhone, ...firm.secureChatNumbers]) {
      const r = await other.post('/dev/sms/inbound', { from: janePhone, to, body: 'injected' });
      expectProblem(r, 404, 'not-found');
    }
    expect(await countRows('messages')).toBe(before);
    // The first firm itself still can.
    const own = await firmAdmin.post('/dev/sms/inbound', { from: janePhone, to: firmPhone, body: 'reply' });
    expect(own.body.result).toBe('stored');
  });
});
