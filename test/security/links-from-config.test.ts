import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { activationLinkIn, contactIdByName, waitForMail } from '../portal-invitations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// Links in e-mails are built from configuration only: PUBLIC_URL, else http://localhost:PORT. A request
// whose Host (or X-Forwarded-Host) names another site must not put that site into an activation link.

/** POSTs JSON as the signed-in client, with request headers fetch would not let us forge. */
function postWithHeaders(c: TestClient, path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(path, c.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          cookie: `parley_session=${c.cookie('parley_session')}`,
          'content-type': 'application/json',
          'x-csrf-token': c.csrfToken ?? '',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function invitationLinkSentVia(t: TestApp, headers: Record<string, string>): Promise<string> {
  const staff = await t.signIn(demoLogins.attorney1);
  const maria = await contactIdByName(staff, 'Maria Garcia');
  expect(await postWithHeaders(staff, `/api/v1/contacts/${maria}/portal-invitation`, headers)).toBe(201);
  const [mail] = await waitForMail(t, 'maria.garcia@example.com');
  return activationLinkIn(mail?.text ?? '');
}

describe('links in e-mails', () => {
  const evil = { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' };

  it('point at http://localhost:PORT without PUBLIC_URL, whatever the Host header says', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'true' }, { ownPublicUrl: false });
    apps.push(t);
    expect(t.env.PUBLIC_URL).toBeUndefined();
    const link = await invitationLinkSentVia(t, evil);
    expect(link.startsWith(`http://localhost:${t.env.PORT}/portal/activate?token=`)).toBe(true);
    expect(link).not.toContain('evil.test');
  });

  it('point at PUBLIC_URL when it is set', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'https://parley.demo-law.test', TRUST_PROXY: 'true' });
    apps.push(t);
    const link = await invitationLinkSentVia(t, evil);
    expect(link.startsWith('https://parley.demo-law.test/portal/activate?token=')).toBe(true);
  });
});
