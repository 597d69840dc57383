import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../../support/factories';
import { composeHuddles } from './toy-kind';

let t: TestApp;
let firm: Firm;
let alex: StaffUser;
let blair: StaffUser;
let carol: StaffUser;
let reader: StaffUser;

beforeAll(async () => {
  t = await startTestApp({}, { compose: composeHuddles });
  firm = await makeFirm(t);
  alex = await makeUser(t, firm, { role: 'attorney' });
  blair = await makeUser(t, firm, { role: 'attorney' });
  carol = await makeUser(t, firm, { role: 'attorney' });
  reader = await makeUser(t, firm, { role: 'staff', permissions: ['message_center.use'] });
});
afterAll(async () => {
  await t?.close();
});

const listed = async (user: StaffUser, id: string) =>
  ((await user.client.get('/api/v1/conversations')).body.items as { id: string }[]).some((c) => c.id === id);

describe('a conversation kind added at the composition point only', () => {
  it('is created, listed, messaged and seen exactly as its rule says', async () => {
    const created = await alex.client.post('/api/v1/conversations', {
      kind: 'huddle',
      topic: 'Trial prep',
      userIds: [blair.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'huddle', subject: 'Trial prep', member: true });
    expect(created.body.abilities).toMatchObject({ send: true, manageMembers: true, delete: true });
    const id = created.body.id as string;

    // Members and holders of message_center.use see it; anyone else finds nothing.
    expect(await listed(alex, id)).toBe(true);
    expect(await listed(blair, id)).toBe(true);
    expect(await listed(reader, id)).toBe(true);
    expect(await listed(carol, id)).toBe(false);
    expect((await carol.client.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    const asReader = await reader.client.get(`/api/v1/conversations/${id}`);
    expect(asReader.body).toMatchObject({ member: false, abilities: { send: false, delete: false } });

    const sent = await blair.client.post(`/api/v1/conversations/${id}/messages`, {
      body: 'Exhibits are ready.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(
      (await reader.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Me too' })).status,
    ).toBe(403);
    expect((await carol.client.post(`/api/v1/conversations/${id}/messages`, { body: 'Me too' })).status).toBe(
      404,
    );

    const read = await reader.client.get(`/api/v1/conversations/${id}/messages`);
    expect(read.body.items.map((m: { body: string }) => m.body)).toEqual(['Exhibits are ready.']);
    const filtered = await alex.client.get('/api/v1/conversations?kind=huddle');
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
