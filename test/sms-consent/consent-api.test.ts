import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentFlagsOf } from '../../server/features/sms/consent';
import { openStream } from '../realtime/stream-client';
import { nextMatching } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { auditOf } from '../support/directory';
import { makeUser } from '../support/factories';
import { ledgerOf, received, setupThread, text } from './helpers';

// The consent ledger through the API: reading it, flags of free-text revocations, staff opt-outs
// (per conversation and per number), audit, cross-firm isolation, and the live update of a thread.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /conversations/:id/consent', () => {
  it('answers the ledger oldest first with the current status', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const empty = await c.get(`/api/v1/conversations/${s.thread.id}/consent`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      phone: s.thread.contactPhone,
      firmPhone: s.thread.firmPhone,
      optedOut: false,
      since: null,
      cause: null,
      revocationFlagged: false,
      items: [],
    });
    const stop = await text(c, s.thread.contactPhone, s.thread.firmPhone, 'stop');
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'START');
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'END');
    const r = await c.get(`/api/v1/conversations/${s.thread.id}/consent`);
    expect(r.body.optedOut).toBe(true);
    expect(r.body.keyword).toBe('END');
    expect(r.body.cause).toBe('keyword');
    expect(r.body.items.map((e: any) => [e.state, e.keyword])).toEqual([
      ['opted_out', 'STOP'],
      ['opted_in', 'START'],
      ['opted_out', 'END'],
    ]);
    expect(r.body.items[0]).toMatchObject({
      phone: s.thread.contactPhone,
      firmPhone: s.thread.firmPhone,
      cause: 'keyword',
      messageId: stop.messageId,
      byUserId: null,
    });
  });

  it('is a 404 for another firm, and for a colleague who may not see the thread', async () => {
    const s = await setupThread(t);
    const other = await setupThread(t);
    const outsider = await makeUser(t, s.firm, { role: 'attorney' });
    for (const [who, id] of [
      [other.admin.client, s.thread.id],
      [outsider.client, s.thread.id],
    ] as const) {
      const r = await who.get(`/api/v1/conversations/${id}/consent`);
      expect(r.status).toBe(404);
      const o = await who.post(`/api/v1/conversations/${id}/opt-out`, {});
      expect(o.status).toBe(404);
    }
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
  });
});

describe('free-text revocations', () => {
  it('are flagged (never acted on) and one click confirms them as a revocation', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const flagged = await text(c, s.thread.contactPhone, s.thread.firmPhone, 'Please stop texting me');
    expect(flagged.result).toBe('stored');
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
    const status = await c.get(`/api/v1/conversations/${s.thread.id}/consent`);
    expect(status.body).toMatchObject({
      optedOut: false,
      revocationFlagged: true,
      revocationMessageId: flagged.messageId,
    });
    const flags = await consentFlagsOf(t.deps.db, s.firm.id, [
      { phone: s.thread.contactPhone, firmPhone: s.thread.firmPhone },
      { phone: '+13125559999', firmPhone: s.thread.firmPhone },
    ]);
    expect(flags.get(`${s.thread.contactPhone}|${s.thread.firmPhone}`)).toEqual({
      optedOut: false,
      revocationFlagged: true,
    });
    expect(flags.get(`+13125559999|${s.thread.firmPhone}`)).toEqual({
      optedOut: false,
      revocationFlagged: false,
    });
    // Texting is still allowed until staff decide.
    expect(
      (await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Understood?' })).status,
    ).toBe(201);

    const confirmed = await c.post(`/api/v1/conversations/${s.thread.id}/opt-out`, {
      messageId: flagged.messageId,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ optedOut: true, revocationFlagged: false, cause: 'revocation' });
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([
      {
        state: 'opted_out',
        cause: 'revocation',
        keyword: null,
        message_id: flagged.messageId,
        by_user_id: s.admin.id,
      },
    ]);
    const audit = await auditOf(t, s.thread.firmPhone, 'sms.opted_out');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(s.admin.id);
    expect(audit[0]?.details).toMatchObject({ cause: 'revocation', messageId: flagged.messageId });
    expect(JSON.stringify(audit[0]?.details)).not.toContain(s.thread.contactPhone);
    expect((await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'x' })).status).toBe(422);
    // No confirmation text for a staff opt-out.
    expect((await received(c, s.thread.contactPhone)).some((m) => /unsubscribed/.test(m.body))).toBe(false);
  });

  it('refuses a messageId that is not a customer message of the conversation, naming the field', async () => {
    const s = await setupThread(t, ['From staff']);
    const c = s.admin.client;
    for (const messageId of [s.thread.messageIds[0], '01900000-0000-7000-8000-000000000000']) {
      const r = await c.post(`/api/v1/conversations/${s.thread.id}/opt-out`, { messageId });
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ field: 'body.messageId', message: expect.any(String) }]);
    }
    const bad = await c.post(`/api/v1/conversations/${s.thread.id}/opt-out`, { messageId: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('messageId');
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
  });
});

describe('staff opt-outs', () => {
  it('opt the conversation out by hand (cause staff) once, audited, and tell open pages live', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const stream = await openStream(t.url, { session: c.cookie('parley_session') });
    try {
      await stream.next('ready');
      const r = await c.post(`/api/v1/conversations/${s.thread.id}/opt-out`, {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ optedOut: true, cause: 'staff', keyword: null });
      const frame = await nextMatching(stream, 'conversation.updated', (d) => d.id === s.thread.id);
      expect(frame.data).toMatchObject({
        id: s.thread.id,
        reason: 'consent',
        contactPhone: s.thread.contactPhone,
        firmPhone: s.thread.firmPhone,
      });
    } finally {
      stream.ws.close();
    }
    const again = await c.post(`/api/v1/conversations/${s.thread.id}/opt-out`, {});
    expect(again.status).toBe(200);
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([
      { state: 'opted_out', cause: 'staff', keyword: null, message_id: null, by_user_id: s.admin.id },
    ]);
    expect(await auditOf(t, s.thread.firmPhone, 'sms.opted_out')).toHaveLength(1);
    const texting = await c.get(`/api/v1/conversations/${s.thread.id}/texting`);
    expect(texting.body.consent).toMatchObject({ optedOut: true, cause: 'staff' });
  });

  it('a STOP pushes conversation.updated (consent) to the thread, and START again', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const stream = await openStream(t.url, { session: c.cookie('parley_session') });
    try {
      await stream.next('ready');
      await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP');
      const out = await nextMatching(stream, 'conversation.updated', (d) => d.id === s.thread.id);
      expect(out.data.reason).toBe('consent');
      await text(c, s.thread.contactPhone, s.thread.firmPhone, 'START');
      const back = await nextMatching(stream, 'conversation.updated', (d) => d.id === s.thread.id);
      expect(back.data.reason).toBe('consent');
    } finally {
      stream.ws.close();
    }
  });

  it('opt a number out without a conversation (settings.manage), 400 naming the field on bad input', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const phone = '+13125550777';
    const r = await c.post('/api/v1/sms-consent/opt-out', {
      phone: '(312) 555-0777',
      firmPhone: s.thread.firmPhone,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ phone, firmPhone: s.thread.firmPhone, optedOut: true, cause: 'staff' });
    expect(await ledgerOf(t, phone, s.thread.firmPhone)).toHaveLength(1);
    expect(await auditOf(t, s.thread.firmPhone, 'sms.opted_out')).toHaveLength(1);

    const badPhone = await c.post('/api/v1/sms-consent/opt-out', {
      phone: 'abc',
      firmPhone: s.thread.firmPhone,
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([{ field: 'body.phone', message: expect.any(String) }]);
    const other = await setupThread(t);
    const notOurs = await c.post('/api/v1/sms-consent/opt-out', { phone, firmPhone: other.thread.firmPhone });
    expect(notOurs.status).toBe(400);
    expect(notOurs.body.errors).toEqual([{ field: 'body.firmPhone', message: expect.any(String) }]);
    const missing = await c.post('/api/v1/sms-consent/opt-out', { phone });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('firmPhone');
    expect(await ledgerOf(t, phone, other.thread.firmPhone)).toEqual([]);

    const attorney = await makeUser(t, s.firm, { role: 'attorney' });
    const refused = await attorney.client.post('/api/v1/sms-consent/opt-out', {
      phone: '+13125550778',
      firmPhone: s.thread.firmPhone,
    });
    expect(refused.status).toBe(403);
    expect(await ledgerOf(t, '+13125550778', s.thread.firmPhone)).toEqual([]);
  });

  it('cannot opt a number back in: there is no such call', async () => {
    const s = await setupThread(t);
    const r = await s.admin.client.post('/api/v1/sms-consent/opt-in', {
      phone: '+13125550779',
      firmPhone: s.thread.firmPhone,
    });
    expect(r.status).toBe(404);
  });
});
