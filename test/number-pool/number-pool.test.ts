import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import {
  type Firm,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  makeUser,
} from '../support/factories';

describe('/api/v1/secure-chat/numbers', () => {
  let t: TestApp;
  let firm: Firm;
  let other: Firm;
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t, { numbers: 1 });
    other = await makeFirm(t, { numbers: 1 });
  });
  afterAll(() => t.close());

  const admin = () => firm.admin.client;
  const path = (n: string) => `/api/v1/secure-chat/numbers/${encodeURIComponent(n)}`;

  it('lists, adds and removes numbers, auditing each change', async () => {
    const list = await admin().get('/api/v1/secure-chat/numbers');
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { number: string }) => n.number)).toEqual(firm.secureChatNumbers);

    const added = await admin().post('/api/v1/secure-chat/numbers', {
      number: '+12025550177',
      label: 'Main',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ number: '+12025550177', label: 'Main', openThreads: 0 });
    expect((await admin().get('/api/v1/secure-chat/numbers')).body.items).toHaveLength(2);

    expect((await admin().delete(path('+12025550177'))).status).toBe(204);
    expect((await admin().get('/api/v1/secure-chat/numbers')).body.items).toHaveLength(1);
    const audit = await t.database.query<{ action: string }>(
      "select action from audit_log where target_id = '+12025550177' order by seq",
    );
    expect(audit.map((a) => a.action)).toEqual(['secure_chat.number_added', 'secure_chat.number_removed']);
  });

  it('400 naming the field unless the number is E.164', async () => {
    for (const number of ['(202) 555-0100', '12025550100', '+1202555', 'phone']) {
      const r = await admin().post('/api/v1/secure-chat/numbers', { number });
      expect(r.status, number).toBe(400);
      expect(r.body.errors[0].field).toBe('body.number');
    }
    const r = await admin().delete('/api/v1/secure-chat/numbers/12025550100');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('params.number');
  });

  it('409 for a number in use by any firm or by an open thread; 404 for another firm’s number', async () => {
    const taken = await admin().post('/api/v1/secure-chat/numbers', { number: other.secureChatNumbers[0] });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('/problems/number-taken');
    expect((await admin().delete(path(other.secureChatNumbers[0] as string))).status).toBe(404);

    const contact = await makeContact(firm.admin);
    const matter = await makeMatter(firm.admin, { contacts: [contact] });
    const thread = await makeConversation(firm.admin, matter, contact);
    expect((await admin().get('/api/v1/secure-chat/numbers')).body.items[0].openThreads).toBe(1);
    const inUse = await admin().delete(path(thread.firmPhone));
    expect(inUse.status).toBe(409);
    expect(inUse.body.type).toBe('/problems/number-in-use');
  });

  it('needs settings.manage', async () => {
    const attorney = await makeUser(t, firm);
    expect((await attorney.client.get('/api/v1/secure-chat/numbers')).status).toBe(403);
    expect(
      (await attorney.client.post('/api/v1/secure-chat/numbers', { number: '+12025550178' })).status,
    ).toBe(403);
  });
});
