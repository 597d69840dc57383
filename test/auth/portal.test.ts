import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/features/auth/password';
import { claimPortalLogin } from '../../server/features/auth/portal-logins';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { createFirm } from '../../server/features/users/create-firm';
import { contactEmails, contacts } from '../../server/platform/db/schema';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/env';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const jane = demoLogins.portalClient;
const portalLogin = (email: string, password: string) =>
  t.client().post('/api/v1/portal/auth/login', { email, password });

describe('portal sign-in', () => {
  it('signs the demo contact in with a portal cookie and CSRF token', async () => {
    const c = t.client();
    const r = await c.post('/api/v1/portal/auth/login', { email: jane, password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.contact).toMatchObject({ name: 'Jane Roe', email: jane });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = r.headers.getSetCookie().find((h) => h.startsWith('parley_portal_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(c.cookie('parley_session')).toBeUndefined();

    const me = await c.get('/api/v1/portal/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(r.body);
    const audit = await t.database.query<{ actor_type: string; actor_id: string }>(
      "select actor_type, actor_id from audit_log where action = 'portal.login'",
    );
    expect(audit).toContainEqual({ actor_type: 'contact', actor_id: r.body.contact.id });
  });

  it('gives a wrong password and an unknown e-mail the same 401, auditing only the known contact', async () => {
    const wrong = await portalLogin(jane, 'not-the-password');
    const unknown = await portalLogin('stranger@example.com', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.type).toBe('/problems/invalid-credentials');
    const audit = await t.database.query<{ actor_type: string; details: { reason: string } }>(
      "select actor_type, details from audit_log where action = 'portal.login_failed'",
    );
    expect(audit).toEqual([{ actor_type: 'contact', details: { reason: 'bad_password' } }]);
  });

  it('keeps portal and staff sessions apart', async () => {
    const contact = t.client();
    await contact.post('/api/v1/portal/auth/login', { email: jane, password: DEMO_PASSWORD });
    contact.setCookie('parley_session', contact.cookie('parley_portal_session')!);
    expect((await contact.get('/api/v1/me')).status).toBe(401);

    const staff = await t.signIn(demoLogins.attorney1);
    staff.setCookie('parley_portal_session', staff.cookie('parley_session')!);
    expect((await staff.get('/api/v1/portal/me')).status).toBe(401);
  });

  it('needs the CSRF token to sign out, and signing out ends the session server-side', async () => {
    const c = t.client();
    await c.post('/api/v1/portal/auth/login', { email: jane, password: DEMO_PASSWORD });
    const old = c.cookie('parley_portal_session')!;
    const forged = await c.post('/api/v1/portal/auth/logout', undefined, {
      headers: { 'x-csrf-token': 'x' },
    });
    expect(forged.status).toBe(403);
    expect((await c.get('/api/v1/portal/me')).status).toBe(200);

    expect((await c.post('/api/v1/portal/auth/logout')).status).toBe(204);
    const replay = t.client();
    replay.setCookie('parley_portal_session', old);
    expect((await replay.get('/api/v1/portal/me')).status).toBe(401);
    const audit = await t.database.query("select 1 from audit_log where action = 'portal.logout'");
    expect(audit).toHaveLength(1);
  });

  it('refuses contacts whose portal is not active, and stops honouring their sessions', async () => {
    const c = t.client();
    const { body } = await c.post('/api/v1/portal/auth/login', { email: jane, password: DEMO_PASSWORD });
    await t.database.query("update contacts set portal_status = 'invited' where id = $1", [body.contact.id]);
    try {
      expect((await c.get('/api/v1/portal/me')).status).toBe(401);
      expect((await portalLogin(jane, DEMO_PASSWORD)).status).toBe(401);
    } finally {
      await t.database.query("update contacts set portal_status = 'active' where id = $1", [body.contact.id]);
    }
  });

  it('finds the right firm when the same e-mail is a contact of two firms', async () => {
    const { firmId } = await createFirm(t.deps, {
      name: 'Other Firm LLP',
      admin: { email: 'admin@other.example', name: 'Other Admin', password: 'other-admin-password' },
    });
    const contactId = uuidv7();
    const otherPassword = 'other-firm-portal-password';
    await t.deps.db.transaction(async (tx) => {
      await tx.insert(contacts).values({
        firmId,
        id: contactId,
        name: 'Jane Roe (Other Firm)',
        portalStatus: 'active',
        portalPasswordHash: await hashPassword(otherPassword),
      });
      await tx.insert(contactEmails).values({ firmId, contactId, position: 0, email: jane });
      expect(await claimPortalLogin(tx, { firmId, contactId, email: jane.toUpperCase() })).toBe(true);
      expect(await claimPortalLogin(tx, { firmId, contactId: uuidv7(), email: jane })).toBe(false);
    });

    const other = await portalLogin(jane, otherPassword);
    expect(other.status).toBe(200);
    expect(other.body.contact).toMatchObject({ id: contactId, firmId, name: 'Jane Roe (Other Firm)' });
    const demo = await portalLogin(jane, DEMO_PASSWORD);
    expect(demo.status).toBe(200);
    expect(demo.body.contact.firmId).not.toBe(firmId);
  });
});
