import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/features/auth/totp-code';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { expectProblem } from '../conversations/helpers';
import { activationLinkIn, contactIdByName, tokenOf, waitForMail } from '../portal-invitations/helpers';
import { startTestApp, type TestApp } from '../support/app';

// Portal activation links and two-factor codes are checked under the sign-in throttle: after 5 wrong
// tries from one address the next is refused with 429 and Retry-After, even when it is right.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => t.close());

describe('portal activation', () => {
  it('answers 429 to the 6th attempt from an address after 5 wrong links, even with the right link', async () => {
    const staff = await t.signIn(demoLogins.attorney1);
    const maria = await contactIdByName(staff, 'Maria Garcia');
    expect((await staff.post(`/api/v1/contacts/${maria}/portal-invitation`, {})).status).toBe(201);
    const [mail] = await waitForMail(t, 'maria.garcia@example.com');
    const token = tokenOf(activationLinkIn(mail?.text ?? ''));
    const firmId = token.split('.')[0];

    const guesser = t.client();
    guesser.headers = { 'x-forwarded-for': '203.0.113.7' };
    const password = 'a long portal passphrase';
    for (let i = 0; i < 5; i++) {
      const r = await guesser.post('/api/v1/portal/auth/activate', {
        token: `${firmId}.guess${i}`,
        password,
      });
      expect(r.status).toBe(400);
    }
    const locked = await guesser.post('/api/v1/portal/auth/activate', { token, password });
    expectProblem(locked, 429, 'rate-limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const [row] = await t.database.query<{ portal_status: string }>(
      'select portal_status from contacts where id = $1',
      [maria],
    );
    expect(row?.portal_status).toBe('invited');

    // Another address (the client's own) is not held back by the guesser.
    const client = t.client();
    client.headers = { 'x-forwarded-for': '198.51.100.20' };
    expect((await client.post('/api/v1/portal/auth/activate', { token, password })).status).toBe(200);
  });
});

describe('two-factor set-up', () => {
  it('answers 429 after 5 wrong codes, even to the right code, and leaves two-factor off', async () => {
    const c = await t.signIn(demoLogins.agent1);
    c.headers = { 'x-forwarded-for': '203.0.113.8' };
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const right = currentTotpCode(setup.body.secret, new Date());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expectProblem(await c.post('/api/v1/auth/totp/enable', { code: wrong }), 422, 'invalid-totp');
    const locked = await c.post('/api/v1/auth/totp/enable', { code: right });
    expectProblem(locked, 429, 'rate-limited');
    expect((await c.get('/api/v1/me')).body.user.totpEnabled).toBe(false);
  });

  it('counts wrong passwords when turning two-factor off', async () => {
    const c = await t.signIn(demoLogins.agent2);
    c.headers = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 5; i++)
      expectProblem(
        await c.post('/api/v1/auth/totp/disable', { password: `guess ${i}` }),
        422,
        'invalid-password',
      );
    expectProblem(await c.post('/api/v1/auth/totp/disable', { password: 'anything' }), 429, 'rate-limited');
  });
});
