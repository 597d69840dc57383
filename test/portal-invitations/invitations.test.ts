import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { createFirm } from '../../server/features/users/create-firm';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { settledJobs } from '../support/outbox';
import { activationLinkIn, contactIdByName, expectNothingWritten, tokenOf, waitForMail } from './helpers';

const NEW_PASSWORD = 'correct horse battery staple';

let t: TestApp;
let staff: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signIn(demoLogins.attorney1);
});
afterAll(() => t.close());
afterEach(() => {
  t.deps.clock = () => new Date();
});

/** A new contact of the demo firm with these addresses. */
async function newContact(name: string, emails: string[]): Promise<string> {
  const r = await staff.post('/api/v1/contacts', { name, emails: emails.map((address) => ({ address })) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** Invites the contact and returns the token from the e-mail that arrives (the n-th to that address). */
async function inviteAndReadToken(contactId: string, email: string, nth = 1): Promise<string> {
  const r = await staff.post(`/api/v1/contacts/${contactId}/portal-invitation`, { email });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const mails = await waitForMail(t, email, nth);
  return tokenOf(activationLinkIn((mails[nth - 1] as { text: string }).text));
}

const activate = (c: TestClient, token: string, password = NEW_PASSWORD) =>
  c.post('/api/v1/portal/auth/activate', { token, password });

describe('portal invitation', () => {
  it('e-mails a working link; activating it signs the contact in, and the password works later', async () => {
    const johnId = await contactIdByName(staff, 'John Smith');
    const sent = await staff.post(`/api/v1/contacts/${johnId}/portal-invitation`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toEqual({
      contactId: johnId,
      email: 'john.smith@example.com',
      portal: { status: 'invited' },
      expiresAt: expect.any(String),
    });
    const days = (Date.parse(sent.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(JSON.stringify(sent.body)).not.toMatch(/token/i);
    expect((await staff.get(`/api/v1/contacts/${johnId}`)).body.portal).toEqual({ status: 'invited' });

    const [mail] = await waitForMail(t, 'john.smith@example.com');
    expect(mail?.from).toBe(t.deps.config.MAIL_FROM);
    expect(mail?.subject).toBe('Your secure client portal at Demo Law LLP');
    expect(mail?.text).toContain('Hello John Smith,');
    const link = activationLinkIn(mail?.text ?? '');
    expect(link.startsWith(`${t.url}/portal/activate?token=`)).toBe(true);
    expect(mail?.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(mail?.messageId).toMatch(/^<portal-invitation-[0-9a-f-]+@parley\.localhost>$/);
    // Neither the token nor the address is stored in the job; the token only sealed.
    const [job] = await settledJobs<{ payload: Record<string, unknown>; status: string }>(
      t.database,
      "select payload, status from outbox where topic = 'email.send'",
    );
    expect(job?.status).toBe('sent');
    expect(JSON.stringify(job?.payload)).not.toContain(tokenOf(link));
    expect(JSON.stringify(job?.payload)).not.toContain('john.smith');
    const [stored] = await t.database.query<{ token_hash: string }>(
      'select token_hash from portal_invitations',
    );
    expect(stored?.token_hash).not.toContain(tokenOf(link));

    const browser = t.client();
    const activated = await activate(browser, tokenOf(link));
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body.contact).toEqual({
      id: johnId,
      firmId: expect.any(String),
      name: 'John Smith',
      email: 'john.smith@example.com',
    });
    expect(browser.cookie('parley_portal_session')).toBeTruthy();
    const me = await browser.get('/api/v1/portal/me');
    expect(me.status).toBe(200);
    expect(me.body.contact.id).toBe(johnId);
    expect((await staff.get(`/api/v1/contacts/${johnId}`)).body.portal).toEqual({ status: 'active' });

    const later = await t
      .client()
      .post('/api/v1/portal/auth/login', { email: 'John.Smith@example.com', password: NEW_PASSWORD });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body.contact.id).toBe(johnId);

    const again = await staff.post(`/api/v1/contacts/${johnId}/portal-invitation`, {});
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/portal-active');
  });

  it('works once: the same link a second time is refused', async () => {
    const id = await newContact('Reuse Client', ['reuse@example.com']);
    const token = await inviteAndReadToken(id, 'reuse@example.com');
    expect((await activate(t.client(), token)).status).toBe(200);
    const r = await expectNothingWritten(t, 400, () => activate(t.client(), token, 'another password 123'));
    expect(r.body.type).toBe('/problems/invalid-token');
  });

  it('stops working after 7 days, with the same answer as an unknown link', async () => {
    const id = await newContact('Late Client', ['late@example.com']);
    const token = await inviteAndReadToken(id, 'late@example.com');
    const start = Date.now();
    t.deps.clock = () => new Date(start + 7 * 86_400_000 + 60_000);
    const expired = await expectNothingWritten(t, 400, () => activate(t.client(), token));
    const unknown = await expectNothingWritten(t, 400, () =>
      activate(t.client(), `${token.slice(0, 37)}${'A'.repeat(43)}`),
    );
    const garbage = await expectNothingWritten(t, 400, () => activate(t.client(), 'not-a-token'));
    expect(expired.body).toEqual(unknown.body);
    expect(garbage.body).toEqual(unknown.body);
    expect(expired.body.type).toBe('/problems/invalid-token');
  });

  it('revokes the older link when the contact is invited again', async () => {
    const id = await newContact('Twice Client', ['twice@example.com']);
    const first = await inviteAndReadToken(id, 'twice@example.com');
    const second = await inviteAndReadToken(id, 'twice@example.com', 2);
    expect(second).not.toBe(first);
    const refused = await expectNothingWritten(t, 400, () => activate(t.client(), first));
    expect(refused.body.type).toBe('/problems/invalid-token');
    expect((await activate(t.client(), second)).status).toBe(200);
  });

  it('sends to the chosen address of the contact, in any letter case', async () => {
    const id = await newContact('Two Addresses', ['first@example.com', 'second@example.com']);
    const r = await staff.post(`/api/v1/contacts/${id}/portal-invitation`, { email: ' Second@Example.com ' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.email).toBe('second@example.com');
    const [mail] = await waitForMail(t, 'second@example.com');
    const token = tokenOf(activationLinkIn(mail?.text ?? ''));
    const activated = await activate(t.client(), token);
    expect(activated.body.contact.email).toBe('second@example.com');
  });

  it('activates exactly once when the same link is used twice at the same time', async () => {
    const id = await newContact('Race Client', ['race@example.com']);
    const token = await inviteAndReadToken(id, 'race@example.com');
    const answers = await Promise.all([activate(t.client(), token), activate(t.client(), token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const sessions = await t.database.query<{ n: number }>(
      "select count(*)::int as n from sessions where subject_type = 'contact' and subject_id = $1",
      [id],
    );
    expect(sessions[0]?.n).toBe(1);
  });

  it('refuses an activation whose address another contact of the firm claimed first (409), keeping the link', async () => {
    const a = await newContact('Shared A', ['shared@example.com']);
    const b = await newContact('Shared B', ['shared@example.com']);
    const tokenA = await inviteAndReadToken(a, 'shared@example.com');
    const tokenB = await inviteAndReadToken(b, 'shared@example.com', 2);
    expect((await activate(t.client(), tokenA)).status).toBe(200);
    const r = await expectNothingWritten(t, 409, () => activate(t.client(), tokenB));
    expect(r.body.type).toBe('/problems/portal-email-taken');
    // Inviting B again with that address is refused up front.
    const again = await expectNothingWritten(t, 409, () =>
      staff.post(`/api/v1/contacts/${b}/portal-invitation`, { email: 'shared@example.com' }),
    );
    expect(again.body.type).toBe('/problems/portal-email-taken');
  });

  it('activates even when the browser holds another portal session (no CSRF token needed)', async () => {
    const id = await newContact('Shared Browser', ['browser@example.com']);
    const token = await inviteAndReadToken(id, 'browser@example.com');
    const browser = t.client();
    await browser.post('/api/v1/portal/auth/login', {
      email: demoLogins.portalClient,
      password: t.env.PARLEY_DEMO_PASSWORD,
    });
    browser.csrfToken = undefined;
    const r = await activate(browser, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await browser.get('/api/v1/portal/me')).body.contact.id).toBe(id);
  });
});

describe('bad input changes nothing', () => {
  it('names body.email when the address is not the contact’s, missing, or not a string', async () => {
    const id = await newContact('Bad Input', ['bad@example.com']);
    const none = await newContact('No Address', []);
    await expectNothingWritten(
      t,
      400,
      () => staff.post(`/api/v1/contacts/${id}/portal-invitation`, { email: 'someone.else@example.com' }),
      'body.email',
    );
    await expectNothingWritten(
      t,
      400,
      () => staff.post(`/api/v1/contacts/${none}/portal-invitation`, {}),
      'body.email',
    );
    await expectNothingWritten(
      t,
      400,
      () => staff.post(`/api/v1/contacts/${id}/portal-invitation`, { email: 42 }),
      'body.email',
    );
    await expectNothingWritten(
      t,
      400,
      () => staff.post('/api/v1/contacts/not-a-uuid/portal-invitation', {}),
      'params.id',
    );
  });

  it('names body.token and body.password on activation', async () => {
    const id = await newContact('Weak Password', ['weak@example.com']);
    const token = await inviteAndReadToken(id, 'weak@example.com');
    const short = await expectNothingWritten(
      t,
      400,
      () => activate(t.client(), token, 'short pw 11'),
      'body.password',
    );
    expect(short.body.errors[0].message).toContain('12');
    await expectNothingWritten(
      t,
      400,
      () => t.client().post('/api/v1/portal/auth/activate', { password: NEW_PASSWORD }),
      'body.token',
    );
    const both = await expectNothingWritten(
      t,
      400,
      () => t.client().post('/api/v1/portal/auth/activate', { token: '', password: 5 }),
      'body.token',
    );
    expect(both.body.errors.map((e: { field: string }) => e.field)).toContain('body.password');
    // The link still works after all that.
    expect((await activate(t.client(), token)).status).toBe(200);
  });
});

describe('who may invite', () => {
  it('answers 401 without a staff session, also to a signed-in portal contact', async () => {
    const johnOrJane = await contactIdByName(staff, 'Maria Garcia');
    await expectNothingWritten(t, 401, () =>
      t.client().post(`/api/v1/contacts/${johnOrJane}/portal-invitation`, {}),
    );
    const portal = t.client();
    await portal.post('/api/v1/portal/auth/login', {
      email: demoLogins.portalClient,
      password: t.env.PARLEY_DEMO_PASSWORD,
    });
    await expectNothingWritten(t, 401, () =>
      portal.post(`/api/v1/contacts/${johnOrJane}/portal-invitation`, {}),
    );
  });

  it('answers 404 for a contact of another firm, and for one that does not exist', async () => {
    await createFirm(t.deps, {
      name: 'Other Firm LLP',
      admin: { email: 'admin@other.parley.test', name: 'Olive Other', password: 'other-firm-password' },
    });
    const other = await t.signIn('admin@other.parley.test', 'other-firm-password');
    const theirs = await other.post('/api/v1/contacts', {
      name: 'Other Client',
      emails: [{ address: 'other.client@example.com' }],
    });
    expect(theirs.status).toBe(201);
    const r = await expectNothingWritten(t, 404, () =>
      staff.post(`/api/v1/contacts/${theirs.body.id}/portal-invitation`, {}),
    );
    expect(r.body.type).toBe('/problems/not-found');
    await expectNothingWritten(t, 404, () =>
      staff.post('/api/v1/contacts/01900000-0000-7000-8000-000000000000/portal-invitation', {}),
    );
  });

  it('answers 409 portal-active for a contact whose portal is active', async () => {
    const janeId = await contactIdByName(staff, 'Jane Roe');
    const r = await expectNothingWritten(t, 409, () =>
      staff.post(`/api/v1/contacts/${janeId}/portal-invitation`, {}),
    );
    expect(r.body.type).toBe('/problems/portal-active');
  });
});

describe('audit', () => {
  it('records who invited whom and the contact’s activation, without the token or the address', async () => {
    const id = await newContact('Audited Client', ['audited@example.com']);
    const token = await inviteAndReadToken(id, 'audited@example.com');
    expect((await activate(t.client(), token)).status).toBe(200);
    const admin = await t.signIn(demoLogins.admin);
    const invited = await admin.get('/api/v1/audit?action=portal.invited');
    const entry = invited.body.items.find((e: { targetId: string }) => e.targetId === id);
    expect(entry).toMatchObject({ actorType: 'user', targetType: 'contact', action: 'portal.invited' });
    const activated = await admin.get('/api/v1/audit?action=portal.activated');
    const done = activated.body.items.find((e: { targetId: string }) => e.targetId === id);
    expect(done).toMatchObject({ actorType: 'contact', actorId: id, targetType: 'contact' });
    const text = JSON.stringify([entry, done]);
    expect(text).not.toContain(token.slice(37));
    expect(text).not.toContain('audited@example.com');
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});
