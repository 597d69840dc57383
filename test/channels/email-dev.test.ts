import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import {
  contactIdByName,
  type DevMailItem,
  demoMailReader,
  waitForMail,
} from '../portal-invitations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';

// MAIL_TRANSPORT=dev (the default): GET /dev/mail lists what the dev mailbox received for the signed-in
// staff user's firm, and answers the /dev/mail page to browser navigations.

let t: TestApp;
let reader: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  reader = await demoMailReader(t);
  const staff = await t.signIn(demoLogins.attorney1);
  for (const name of ['John Smith', 'Maria Garcia']) {
    const id = await contactIdByName(staff, name);
    expect((await staff.post(`/api/v1/contacts/${id}/portal-invitation`, {})).status).toBe(201);
  }
  await waitForMail(t, 'maria.garcia@example.com');
  await waitForMail(t, 'john.smith@example.com');
});
afterAll(() => t.close());

describe('GET /dev/mail', () => {
  it('lists every e-mail oldest first, or those to one address in any letter case', async () => {
    const all = await reader.get<{ items: DevMailItem[] }>('/dev/mail');
    expect(all.status).toBe(200);
    expect(all.body.items.map((m) => m.to).sort()).toEqual([
      'john.smith@example.com',
      'maria.garcia@example.com',
    ]);
    expect(
      all.body.items[0]?.at && all.body.items[1]?.at && all.body.items[0].at <= all.body.items[1].at,
    ).toBe(true);
    expect((await reader.get('/dev/mail?to=')).body.items).toHaveLength(2);
    const one = await reader.get<{ items: DevMailItem[] }>('/dev/mail?to=John.Smith@Example.com');
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toEqual({
      id: expect.any(String),
      from: t.deps.config.MAIL_FROM,
      to: 'john.smith@example.com',
      subject: 'Your secure client portal at Demo Law LLP',
      text: expect.stringContaining('/portal/activate?token='),
      html: expect.stringContaining('<a href='),
      messageId: expect.stringMatching(/^<portal-invitation-/),
      at: expect.any(String),
    });
    expect((await reader.get('/dev/mail?to=nobody@example.com')).body.items).toEqual([]);
  });

  it('answers the dev mailbox page to a browser navigation', async () => {
    const r = await t.client().get('/dev/mail', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.body).toContain('Dev mailbox');
  });

  it('is documented in OpenAPI with the invitation and activation endpoints', async () => {
    const doc = await t.client().get('/api/docs/json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/dev/mail',
        '/api/v1/contacts/{id}/portal-invitation',
        '/api/v1/portal/auth/activate',
      ]),
    );
  });
});
