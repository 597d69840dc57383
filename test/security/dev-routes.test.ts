import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, demoSecureChatNumbers } from '../../server/features/demo/seed-demo';
import { createFirm } from '../../server/features/directory/create-firm';
import { expectProblem } from '../conversations/helpers';
import { contactIdByName, waitForMail } from '../portal-invitations/helpers';
import { JANE_MOBILE, startedThread } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { demoIds } from '../support/demo-ids';
import { waitFor } from '../support/wait';

// The development tools hand out activation links (/dev/mail), clients' numbers and texts
// (/dev/sms/outbox) and a way to text a firm (/dev/sms/inbound): only signed-in staff reach them, and
// only for their own firm.

let t: TestApp;
let demoAdmin: TestClient;
let other: TestClient;
let firmPhone: string;

async function countRows(table: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row?.n ?? -1;
}

beforeAll(async () => {
  t = await startTestApp();
  demoAdmin = await t.signIn(demoLogins.admin);
  const attorney = await t.signIn(demoLogins.attorney1);
  const ids = await demoIds(t);
  const thread = await startedThread(attorney, {
    matterId: ids.roeMatter,
    contactId: ids.jane,
    contactPhone: JANE_MOBILE,
  });
  firmPhone = thread.firmPhone;
  const sent = await attorney.post(`/api/v1/conversations/${thread.id}/messages`, {
    body: 'Your hearing moved to Friday.',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const maria = await contactIdByName(attorney, 'Maria Garcia');
  expect((await attorney.post(`/api/v1/contacts/${maria}/portal-invitation`, {})).status).toBe(201);
  await waitForMail(t, 'maria.garcia@example.com');
  await waitFor(async () => {
    const r = await demoAdmin.get('/dev/sms/outbox');
    return r.body.items.length > 0 ? r.body.items : undefined;
  }, 'the text on the simulated phone');

  await createFirm(t.deps, {
    name: 'Other Firm LLP',
    admin: { email: 'admin@other.parley.test', name: 'Olive Other', password: 'other-firm-password' },
  });
  other = await t.signIn('admin@other.parley.test', 'other-firm-password');
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
      expectProblem(
        await c.get(`/dev/sms/outbox?to=${encodeURIComponent(JANE_MOBILE)}`),
        401,
        'unauthorized',
      );
    }
    const before = await countRows('messages');
    expectProblem(
      await anonymous.post('/dev/sms/inbound', { from: JANE_MOBILE, to: firmPhone, body: 'injected' }),
      401,
      'unauthorized',
    );
    expect(await countRows('messages')).toBe(before);
  });

  it('refuse a staff write without the session’s CSRF token', async () => {
    const before = await countRows('messages');
    const r = await demoAdmin.post(
      '/dev/sms/inbound',
      { from: JANE_MOBILE, to: firmPhone, body: 'cross-site' },
      { headers: { 'x-csrf-token': 'wrong' } },
    );
    expect(r.status).toBe(403);
    expect(await countRows('messages')).toBe(before);
  });

  it('show the firm its own mail and texts', async () => {
    const mail = await demoAdmin.get('/dev/mail');
    expect(mail.body.items.map((m: { to: string }) => m.to)).toContain('maria.garcia@example.com');
    const texts = await demoAdmin.get('/dev/sms/outbox');
    expect(texts.body.items.map((m: { body: string }) => m.body)).toContain('Your hearing moved to Friday.');
  });

  it('show another firm none of the demo firm’s mail and texts', async () => {
    expect((await other.get('/dev/mail')).body).toEqual({ items: [] });
    expect((await other.get('/dev/mail?to=maria.garcia@example.com')).body).toEqual({ items: [] });
    expect((await other.get('/dev/sms/outbox')).body).toEqual({ items: [] });
    expect((await other.get(`/dev/sms/outbox?to=${encodeURIComponent(JANE_MOBILE)}`)).body).toEqual({
      items: [],
    });
  });

  it('let another firm inject no text into the demo firm’s numbers (404, nothing stored)', async () => {
    const before = await countRows('messages');
    for (const to of [firmPhone, ...demoSecureChatNumbers]) {
      const r = await other.post('/dev/sms/inbound', { from: JANE_MOBILE, to, body: 'injected' });
      expectProblem(r, 404, 'not-found');
    }
    expect(await countRows('messages')).toBe(before);
    // The demo firm itself still can.
    const own = await demoAdmin.post('/dev/sms/inbound', { from: JANE_MOBILE, to: firmPhone, body: 'reply' });
    expect(own.body.result).toBe('stored');
  });
});
