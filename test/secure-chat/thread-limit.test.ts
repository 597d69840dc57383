import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import {
  type Contact,
  type Firm,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { linksOf, startedThread, startThread, writeCounts } from './helpers';

const LIMIT_DETAIL = 'End an old thread with this client to start a new one.';

describe('open secure-chat threads per user and client', () => {
  let t: TestApp;
  let firm: Firm;
  let owner: StaffUser;
  let colleague: StaffUser;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let admin: TestClient;
  let client: Contact;
  let mobile: { matterId: string; contactId: string; contactPhone: string };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  // Each case gets a firm of its own, with a pool of two numbers and a client with two phones.
  beforeEach(async () => {
    firm = await makeFirm(t, { numbers: 2 });
    owner = await makeUser(t, firm, { role: 'attorney' });
    colleague = await makeUser(t, firm, { role: 'attorney' });
    attorney1 = owner.client;
    attorney2 = colleague.client;
    admin = firm.admin.client;
    client = await makeContact(owner, { phones: 2 });
    const matter = await makeMatter(owner, { assignees: [colleague], contacts: [client] });
    mobile = { matterId: matter.id, contactId: client.id, contactPhone: client.phones[0] as string };
  });

  it('counts open threads per user and client, whatever the phone: the 422 names the limit and lists them', async () => {
    const roomy = await makeFirm(t, { numbers: 3 });
    const lawyer = await makeUser(t, roomy, { role: 'attorney' });
    const jane = await makeContact(lawyer, { phones: 2 });
    const matter = await makeMatter(lawyer, { contacts: [jane] });
    const [cell, work] = jane.phones as [string, string];
    const on = (contactPhone: string) => ({ matterId: matter.id, contactId: jane.id, contactPhone });
    const started = [
      await startedThread(lawyer.client, on(cell)),
      await startedThread(lawyer.client, on(work)),
      await startedThread(lawyer.client, on(cell)),
    ];

    const before = await writeCounts(t);
    const refused = await startThread(lawyer.client, on(work));
    expectProblem(refused, 422, 'thread-limit');
    expect(refused.body.limit).toBe(3);
    expect(refused.body.detail).toBe(
      `You already have 3 open threads with this client, the firm's limit. ${LIMIT_DETAIL}`,
    );
    expect(refused.body.threads.map((c: { id: string }) => c.id)).toEqual(started.map((c) => c.id));
    expect(refused.body.threads[0]).toEqual({
      id: started[0]?.id,
      matterId: matter.id,
      matterName: matter.name,
      contactPhone: cell,
      firmPhone: started[0]?.firmPhone,
      lastMessageAt: null,
    });
    expect(await writeCounts(t)).toEqual(before);

    expect((await lawyer.client.post(`/api/v1/conversations/${started[1]?.id}/end`)).status).toBe(200);
    await startedThread(lawyer.client, on(work));
  });

  it('is per user, and follows the firm setting', async () => {
    const put = await admin.put('/api/v1/settings', { secureChatMaxOpenPerClient: 1 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const mine = await startedThread(attorney1, mobile);
    const otherPhone = await startThread(attorney1, { ...mobile, contactPhone: client.phones[1] as string });
    expectProblem(otherPhone, 422, 'thread-limit');
    expect(otherPhone.body.limit).toBe(1);
    expect(otherPhone.body.threads.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    const theirs = await startedThread(attorney2, mobile);
    expect(theirs.firmPhone).not.toBe(mine.firmPhone);
  });

  it('never links one phone to more threads than the pool has numbers, whatever the limit', async () => {
    await startedThread(attorney1, mobile);
    await startedThread(attorney2, mobile);
    const refused = await startThread(admin, mobile);
    expectProblem(refused, 422, 'thread-limit');
    expect(refused.body.detail).toBe(
      `Every secure-chat number is already linked to this phone. ${LIMIT_DETAIL}`,
    );
    expect(refused.body.threads).toEqual([]);
    expect((await linksOf(t, mobile.contactPhone)).map((l) => l.user_id).sort()).toEqual(
      [owner.id, colleague.id].sort(),
    );
  });

  it('keeps the limit and one thread per number pair when one user starts threads at the same time', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => startThread(attorney1, mobile)));
    const created = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(created).toHaveLength(2);
    expect(new Set(created.map((r) => r.body.firmPhone)).size).toBe(2);
    for (const r of refused) expectProblem(r, 422, 'thread-limit');
    const links = await linksOf(t, mobile.contactPhone);
    expect(links.map((l) => l.conversation_id).sort()).toEqual(created.map((r) => r.body.id).sort());
    const [{ n } = { n: -1 }] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from conversations where firm_id = $1 and kind = 'secure_chat'`,
      [firm.id],
    );
    expect(n).toBe(2);
  });

  it('gives simultaneous creates by different users different numbers or a clean 422', async () => {
    const answers = await Promise.all([
      startThread(attorney1, mobile),
      startThread(attorney2, mobile),
      startThread(admin, mobile),
      startThread(attorney1, mobile),
      startThread(attorney2, mobile),
    ]);
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(firm.secureChatNumbers.length);
    expect(new Set(created.map((r) => r.body.firmPhone))).toEqual(new Set(firm.secureChatNumbers));
    for (const r of answers.filter((a) => a.status !== 201)) expectProblem(r, 422, 'thread-limit');
    const [{ conversations, keys, members } = {} as any] = await t.database.query<any>(
      `select (select count(*)::int from conversations where firm_id = $1) as conversations,
              (select count(*)::int from conversation_keys where firm_id = $1) as keys,
              (select count(*)::int from conversation_members where firm_id = $1) as members`,
      [firm.id],
    );
    expect({ conversations, keys, members }).toEqual({ conversations: 2, keys: 2, members: 2 });
  });
});
