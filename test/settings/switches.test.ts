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

describe('firm switches: Secure Chat, time capture, default rate', () => {
  let t: TestApp;
  let firm: Firm;
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t, { numbers: 3 });
  });
  afterAll(() => t.close());

  const admin = () => firm.admin.client;
  const eventsOf = async (userId: string) =>
    (await admin().get(`/api/v1/billable-events?userId=${userId}`)).body.items as { id: string }[];

  it('Secure Chat off: creating a thread is 422 secure-chat-disabled; on again, it works', async () => {
    const contact = await makeContact(firm.admin);
    const matter = await makeMatter(firm.admin, { contacts: [contact] });
    expect((await admin().put('/api/v1/settings', { secureChatEnabled: false })).body.secureChatEnabled).toBe(
      false,
    );
    const body = {
      kind: 'secure_chat',
      matterId: matter.id,
      contactId: contact.id,
      contactPhone: contact.phones[0],
    };
    const r = await admin().post('/api/v1/conversations', body);
    expect(r.status).toBe(422);
    expect(r.body.type).toBe('/problems/secure-chat-disabled');
    await admin().put('/api/v1/settings', { secureChatEnabled: true });
    expect((await admin().post('/api/v1/conversations', body)).status).toBe(201);
  });

  it('time capture off for the firm or for one user: their texts create no billable events', async () => {
    const contact = await makeContact(firm.admin);
    const quiet = await makeUser(t, firm);
    const busy = await makeUser(t, firm);
    const matter = await makeMatter(firm.admin, { assignees: [quiet, busy], contacts: [contact] });

    await admin().put('/api/v1/settings', { timeCapture: { enabled: false } });
    await makeConversation(busy, matter, contact, { messages: ['Firm switch off'] });
    expect(await eventsOf(busy.id)).toHaveLength(0);

    await admin().put('/api/v1/settings', { timeCapture: { enabled: true } });
    await admin().put(`/api/v1/users/${quiet.id}/time-capture`, { enabled: false });
    await makeConversation(quiet, matter, contact, { messages: ['User switch off'] });
    await makeConversation(busy, matter, contact, { messages: ['Both on'] });
    expect(await eventsOf(quiet.id)).toHaveLength(0);
    expect(await eventsOf(busy.id)).toHaveLength(1);
  });

  it('converting time of a timekeeper without a rate uses the firm default rate', async () => {
    const contact = await makeContact(firm.admin);
    const user = await makeUser(t, firm);
    const matter = await makeMatter(firm.admin, { assignees: [user], contacts: [contact] });
    await admin().put('/api/v1/settings', { timeCapture: { defaultRateCents: 25_000 } });
    await makeConversation(user, matter, contact, { messages: ['Billable'] });
    const [event] = await eventsOf(user.id);
    const entry = await admin().post(`/api/v1/billable-events/${event?.id}/convert`);
    expect(entry.status, JSON.stringify(entry.body)).toBeLessThan(300);
    expect(entry.body.rateCents).toBe(25_000);
  });

  it('400 naming the field for a bad switch value or an unknown user', async () => {
    const r = await admin().put('/api/v1/settings', { secureChatEnabled: 'yes' });
    expect(r.body.errors[0].field).toBe('body.secureChatEnabled');
    const u = await admin().put('/api/v1/settings', {
      timeCapture: { disabledUserIds: ['0190d7c4-0000-7000-8000-000000000000'] },
    });
    expect(u.status).toBe(400);
    expect(u.body.errors[0].field).toBe('body.timeCapture.disabledUserIds.0');
  });
});
