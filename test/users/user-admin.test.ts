import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../server/features/auth/totp-code';
import { startTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { type Firm, makeFirm, makeUser } from '../support/factories';

describe('admin account actions on users', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    other = await makeFirm(t);
  });
  afterAll(() => t.close());

  const auditOf = async (action: string, targetId: string) =>
    t.database.query('select 1 from audit_log where action = $1 and target_id = $2', [action, targetId]);

  it('reset-password answers a new password once, ends the old sessions and audits it', async () => {
    const user = await makeUser(t, firm);
    const r = await firm.admin.client.post(`/api/v1/users/${user.id}/reset-password`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.temporaryPassword).toMatch(/^[\w-]{20}$/);
    expect((await user.client.get('/api/v1/me')).status).toBe(401);
    const fresh = new TestClient(t.url);
    expect(
      (await fresh.post('/api/v1/auth/login', { email: user.email, password: user.password })).status,
    ).toBe(401);
    await fresh.login(user.email, r.body.temporaryPassword);
    expect(await auditOf('user.updated', user.id)).toHaveLength(1);
  });

  it('reset-totp turns two-factor sign-in off (409 when already off) and signs the user out', async () => {
    const user = await makeUser(t, firm);
    const setup = await user.client.post('/api/v1/auth/totp/setup');
    const code = currentTotpCode(setup.body.secret, new Date());
    expect((await user.client.post('/api/v1/auth/totp/enable', { code })).status).toBe(204);

    const r = await firm.admin.client.post(`/api/v1/users/${user.id}/reset-totp`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.totpEnabled).toBe(false);
    expect((await user.client.get('/api/v1/me')).status).toBe(401);
    await new TestClient(t.url).login(user.email, user.password);
    expect((await firm.admin.client.post(`/api/v1/users/${user.id}/reset-totp`)).body.type).toBe(
      '/problems/totp-not-enabled',
    );
    expect(await auditOf('auth.totp_reset', user.id)).toHaveLength(1);
  });

  it('the per-user time-capture switch lands in the settings and is audited', async () => {
    const user = await makeUser(t, firm);
    const off = await firm.admin.client.put(`/api/v1/users/${user.id}/time-capture`, { enabled: false });
    expect(off.body).toEqual({ userId: user.id, enabled: false });
    expect((await firm.admin.client.get('/api/v1/settings')).body.timeCapture.disabledUserIds).toEqual([
      user.id,
    ]);
    await firm.admin.client.put(`/api/v1/users/${user.id}/time-capture`, { enabled: true });
    expect((await firm.admin.client.get('/api/v1/settings')).body.timeCapture.disabledUserIds).toEqual([]);
    expect(await auditOf('user.time_capture_changed', user.id)).toHaveLength(2);
    const bad = await firm.admin.client.put(`/api/v1/users/${user.id}/time-capture`, { enabled: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.enabled');
  });

  it('only admins may act; another firm’s user is 404', async () => {
    const user = await makeUser(t, firm);
    const stranger = await makeUser(t, other);
    for (const path of ['reset-password', 'reset-totp'])
      expect((await user.client.post(`/api/v1/users/${firm.admin.id}/${path}`)).status).toBe(403);
    expect((await user.client.put(`/api/v1/users/${user.id}/time-capture`, { enabled: false })).status).toBe(
      403,
    );
    expect((await firm.admin.client.post(`/api/v1/users/${stranger.id}/reset-password`)).status).toBe(404);
    expect((await firm.admin.client.post(`/api/v1/users/${stranger.id}/reset-totp`)).status).toBe(404);
    expect(
      (await firm.admin.client.put(`/api/v1/users/${stranger.id}/time-capture`, { enabled: false })).status,
    ).toBe(404);
    expect((await stranger.client.get('/api/v1/me')).status).toBe(200);
  });
});
